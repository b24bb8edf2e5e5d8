import { HumanDuration } from '@backstage/types';

/**
 * What scores a service: the checks, the levels and the scorecards. Read
 * here, by both the backend and the scaffolder's verification, so that a
 * template run and the portal agree.
 */
export interface Config {
  opsready?: {
    checks?: {
      /** Ids of checks that do not run at all; GET /api/opsready/checks lists them. */
      disabled?: string[];
      /**
       * Per check id: another weight, and/or a narrower scope, e.g.
       * `kubernetes.pdb: { weight: 3, appliesTo: { types: [service] } }`.
       * A narrowed check answers not-applicable outside the scope.
       */
      overrides?: {
        [checkId: string]: {
          weight?: number;
          appliesTo?: {
            kinds?: string[];
            types?: string[];
            lifecycles?: string[];
            tags?: string[];
          };
        };
      };
      /** Lifecycles a component may declare. Default: experimental, production, deprecated. */
      allowedLifecycles?: string[];
      /** Lifecycles held to production rules (replicas, PDB, delivery). Default: production. */
      productionLifecycles?: string[];
      /** p95 latency a health endpoint must stay within, in ms. Default: 200. */
      latencySloMs?: number;
      /** Share of successful probes a health endpoint must reach, 0-1. Default: 0.99. */
      uptimeTarget?: number;
      /** A production service must have deployed within this many days. Default: 30. */
      deployedWithinDays?: number;
      /** A critical error may stay unresolved at most this many hours. Default: 24. */
      criticalErrorMaxAgeHours?: number;
      /**
       * How long after OpsReady first evaluates an entity its checks that
       * cannot have data yet (never probed, never deployed, no workload
       * running yet) stay `pending`, out of the score, before they count as
       * `unknown`. A duration object or an ISO 8601 duration. Default: { days: 7 }.
       */
      pendingFor?: HumanDuration | string;
      /**
       * Checks written here rather than in code, run by the same engine.
       * Each id must differ from every built-in and module check's. Start-up
       * fails naming the key of any mistake, e.g.
       * `opsready.checks.declarative[2].condition.file.matches is not a
       * valid regular expression`. See "Declarative checks" in the README.
       */
      declarative?: Array<{
        id: string;
        title: string;
        description: string;
        category:
          | 'catalog'
          | 'health'
          | 'observability'
          | 'kubernetes'
          | 'repository'
          | 'delivery';
        severity: 'critical' | 'high' | 'medium' | 'low';
        weight: number;
        /** Markdown. */
        remediation: string;
        appliesTo?: {
          kinds?: string[];
          types?: string[];
          lifecycles?: string[];
          tags?: string[];
        };
        /**
         * Exactly one of: entity { path, exists | equals | matches };
         * annotation { name, exists | equals | matches }; file { path (exact
         * or glob), matches? (regex over the text), yaml? { path, exists |
         * equals | matches } }; kubernetes { path, workloads: every | any,
         * kinds?, exists | equals | matches }; health { metric: uptime |
         * p95LatencyMs, atLeast?, atMost?, endpoints: every | any };
         * delivery { deployedWithinDays } or { openCriticalErrorsAtMost };
         * all [conditions]; any [conditions]; not condition. Validated in
         * full at start-up.
         */
        condition: { [kind: string]: any };
      }>;
      /**
       * YAML files of declarative checks, read through the URL reader like
       * catalog locations. Each file is `checks: [...]`, items as in
       * `declarative`. A bad file stops start-up; one that cannot be read
       * uses the copy last kept, or stops start-up without one.
       */
      locations?: Array<{
        /** The file's URL, e.g. https://github.com/acme/policy/blob/main/checks.yaml. */
        target: string;
      }>;
    };

    scoring?: {
      /** Share of a check's weight a warning earns, 0-1. Default: 0.5. */
      warnCredit?: number;
      /**
       * The levels, each with the score it needs and optionally no failing
       * critical check. Default: bronze 50, silver 75, gold 90 with no
       * failing critical check.
       */
      levels?: Array<{
        name: string;
        minScore: number;
        noFailingCritical?: boolean;
      }>;
    };

    /**
     * Scorecards, each scoring its own checks with its own weights and
     * levels, for the entities in its scope. The first is the entity's
     * score where one is asked for (the fleet's ranking, campaigns,
     * notifications, the gate by default). Without this, one scorecard,
     * production-readiness, of every check with `opsready.scoring.levels`.
     */
    scorecards?: Array<{
      /** Lowercase letters, digits and dashes, e.g. security. */
      id: string;
      /** e.g. Security. */
      title: string;
      description?: string;
      /**
       * Check ids, or patterns where `*` stands for any characters (e.g.
       * `kubernetes.*`). Default: every check in force. Each must match a
       * check in force, or start-up fails naming it.
       */
      checks?: string[];
      /** Weights in this scorecard, by check id, in place of the checks' own. */
      weights?: { [checkId: string]: number };
      /** Its levels. Default: `opsready.scoring.levels`. */
      levels?: Array<{
        name: string;
        minScore: number;
        noFailingCritical?: boolean;
      }>;
      /** The entities it scores. Default: every entity its checks apply to. */
      appliesTo?: {
        kinds?: string[];
        types?: string[];
        lifecycles?: string[];
        tags?: string[];
      };
    }>;
  };
}
