import { CheckFixer } from '../types';
import { docsFixer } from './docsFixer';
import { specFixers } from './specFixers';

export const catalogFixers: CheckFixer[] = [...specFixers, docsFixer];
