export { repositoryChecks } from './repositoryChecks';
export { dockerfileCheck } from './dockerfileCheck';
export { ciCheck } from './ciCheck';
export { readmeCheck } from './readmeCheck';
export { codeownersCheck } from './codeownersCheck';
