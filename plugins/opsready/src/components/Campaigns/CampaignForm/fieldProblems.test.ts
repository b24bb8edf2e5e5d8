import { problemsByField } from './fieldProblems';

describe('problemsByField', () => {
  it("puts each of the backend's problems by its field", () => {
    expect(
      problemsByField(
        "Invalid campaign: deadline: must be after startsAt; goal.checks.1: no check 'catalog.nope'; scope.tags.0: must be at most 64 characters",
      ),
    ).toEqual({
      fields: {
        deadline: 'Must be after startsAt',
        checks: "No check 'catalog.nope'",
        tags: 'Must be at most 64 characters',
      },
      rest: [],
    });
  });

  it("reads the request validator's paths", () => {
    expect(
      problemsByField(
        'request/body/name must NOT have fewer than 1 characters, request/body/goal/minLevel must be string',
      ).fields,
    ).toEqual({
      name: 'name must NOT have fewer than 1 characters',
      minLevel: 'goal.minLevel must be string',
    });
  });

  it('finds a field a sentence mentions, and leaves the rest for the top', () => {
    expect(
      problemsByField(
        "The level 'platinum' in goal.minLevel does not exist; the campaigns store is not ready",
      ),
    ).toEqual({
      fields: {
        minLevel: "The level 'platinum' in goal.minLevel does not exist",
      },
      rest: ['The campaigns store is not ready'],
    });
  });
});
