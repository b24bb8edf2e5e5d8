export { PolicyWhatIfTab } from './PolicyWhatIfTab';
