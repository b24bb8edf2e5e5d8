export { authModuleDemoUsers as default } from './module';
