export { CheckStatusIcon } from './CheckStatusIcon';
