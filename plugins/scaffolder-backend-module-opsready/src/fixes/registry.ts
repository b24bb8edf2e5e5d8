import { catalogFixers } from './catalog';
import { kubernetesFixers } from './kubernetes';
import { repositoryFixers } from './repository';
import { CheckFixer } from './types';

/** Every fixer, by the check it fixes. */
export const FIXERS: ReadonlyMap<string, CheckFixer> = new Map(
  [...kubernetesFixers, ...repositoryFixers, ...catalogFixers].map(fixer => [
    fixer.checkId,
    fixer,
  ]),
);
