import { CheckFixer } from '../types';
import { codeownersFixer } from './codeownersFixer';
import { readmeFixer } from './readmeFixer';

export const repositoryFixers: CheckFixer[] = [codeownersFixer, readmeFixer];
