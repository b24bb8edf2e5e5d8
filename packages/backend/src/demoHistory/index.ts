export { opsreadyModuleDemoHistory as default } from './module';
