import { CheckFixer } from '../types';

export const repositoryFixers: CheckFixer[] = [];
