export { catalogChecks } from './catalogChecks';
export { ownerCheck, descriptionCheck, systemCheck } from './catalogChecks';
export { lifecycleCheck } from './lifecycleCheck';
export { docsCheck } from './docsCheck';
export { dependenciesCheck } from './dependenciesCheck';
export { providedApisCheck } from './providedApisCheck';
