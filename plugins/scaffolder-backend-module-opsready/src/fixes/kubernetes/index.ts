import { CheckFixer } from '../types';

export const kubernetesFixers: CheckFixer[] = [];
