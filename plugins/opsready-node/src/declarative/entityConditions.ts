import { CompiledCondition, observed } from './compiled';
import { parsePath, resolvePath } from './paths';
import {
  DeclarativeAnnotationCondition,
  DeclarativeEntityCondition,
} from './types';
import { compileValueTest, foundValues } from './valueTest';

/** `entity: { path, exists | equals | matches }` over the catalog entity. */
export function compileEntityCondition(
  spec: DeclarativeEntityCondition,
  key: string,
): CompiledCondition {
  const steps = parsePath(spec.path, `${key}.path`);
  const test = compileValueTest(spec, key);
  const describe = `entity ${spec.path} ${test.describe}`;
  return {
    describe,
    judge: facts => {
      const found = resolvePath(facts.entity, steps);
      return observed(describe, test.holds(found) ? 'pass' : 'fail', {
        path: spec.path,
        found: foundValues(found),
      });
    },
  };
}

/** `annotation: { name, exists | equals | matches }`: names hold dots and slashes. */
export function compileAnnotationCondition(
  spec: DeclarativeAnnotationCondition,
  key: string,
): CompiledCondition {
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new Error(`${key}.name must be an annotation name`);
  }
  const name = spec.name;
  const test = compileValueTest(spec, key);
  const describe = `annotation ${name} ${test.describe}`;
  return {
    describe,
    judge: facts => {
      const value = facts.entity.metadata.annotations?.[name];
      const found =
        value === undefined
          ? { values: [], missing: true }
          : { values: [value], missing: false };
      return observed(describe, test.holds(found) ? 'pass' : 'fail', {
        annotation: name,
        found: foundValues(found),
      });
    },
  };
}
