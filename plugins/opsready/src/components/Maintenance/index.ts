export { MaintenancePanel } from './MaintenancePanel';
export { MaintenanceNotice } from './MaintenanceNotice';
