import { serviceComponent, TEST_NOW } from '../checks/testFacts';
import {
  CheckOutcome,
  defaultCheckOptions,
  ServiceFacts,
} from '../checks/types';
import { compileDeclarativeCheck } from './compileDeclarativeCheck';
import { DeclarativeCondition } from './types';

/** Test helper: a declarative check with the condition, evaluated on facts. */
export function judge(
  condition: DeclarativeCondition,
  facts: Partial<ServiceFacts> = {},
): CheckOutcome {
  const check = compileDeclarativeCheck(
    {
      id: 'acme.test',
      title: 'Test',
      description: 'A test check.',
      category: 'repository',
      severity: 'low',
      weight: 1,
      remediation: 'Fix it.',
      condition,
    },
    'opsready.checks.declarative[0]',
  );
  return check.evaluate(
    { entity: serviceComponent(), ...facts },
    { now: TEST_NOW, options: defaultCheckOptions },
  );
}

/** Test helper: the message compiling the condition throws, or undefined. */
export function compileError(condition: unknown): string | undefined {
  try {
    compileDeclarativeCheck(
      {
        id: 'acme.test',
        title: 'Test',
        description: 'A test check.',
        category: 'repository',
        severity: 'low',
        weight: 1,
        remediation: 'Fix it.',
        condition: condition as DeclarativeCondition,
      },
      'opsready.checks.declarative[2]',
    );
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Test helper: repository facts with these files, all read. */
export function repository(
  files: Record<string, string>,
  unread: string[] = [],
) {
  return { paths: [...Object.keys(files), ...unread], files };
}
