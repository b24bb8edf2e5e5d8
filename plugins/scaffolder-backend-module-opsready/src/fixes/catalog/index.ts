import { CheckFixer } from '../types';

export const catalogFixers: CheckFixer[] = [];
