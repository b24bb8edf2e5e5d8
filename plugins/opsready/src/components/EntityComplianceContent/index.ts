export { EntityComplianceContent } from './EntityComplianceContent';
