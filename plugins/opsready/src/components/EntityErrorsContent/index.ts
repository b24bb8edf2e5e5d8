export { EntityErrorsContent } from './EntityErrorsContent';
