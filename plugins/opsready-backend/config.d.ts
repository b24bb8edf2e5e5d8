import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the OpsReady plugins. */
  opsready?: {
    /**
     * When the scheduled evaluation of every component runs. Default: every
     * 30 minutes, timing out after 15. It runs once across all replicas; a
     * `scope` given here is ignored.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    checks?: {
      /** When `opsready.checks.locations` are read again. Default: every 10 minutes, once across replicas. */
      locationsSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /** The health prober. */
    health?: {
      /** Probe at all. Default true. */
      enabled?: boolean;
      /** How often every endpoint is probed. Default every 60 s. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Global tasks the endpoints are split into, shared by replicas. Default 1. */
      shards?: number;
      /** A sweep stops starting probes after this long, in ms. Default 50000. */
      deadlineMs?: number;
      /** One probe's limit over connect, headers and body, in ms. Default 5000. */
      timeoutMs?: number;
      /**
       * Probes in flight at once, in the main lane. Default 2048: an
       * endpoint that does not answer holds its slot for the whole timeout,
       * and on a replica's first sweep none is known not to answer yet, so
       * 5,000 such endpoints at 5 s take 12 s of a sweep at 2048, and 98 s
       * at 256. A probe waiting for an answer costs a socket, not CPU.
       */
      concurrency?: number;
      /**
       * Probes in flight at once for endpoints whose last probe timed out,
       * in a lane of their own beside `concurrency`, so that they never
       * hold the slots of the endpoints that answer. Default 1024: 5,000
       * such endpoints at 5 s take 25 s of a sweep.
       */
      suspectConcurrency?: number;
      /**
       * Probes in flight at once to one host (host name and port), and
       * connections kept open to it. Default 4. Raise it where many
       * endpoints share one host, such as an ingress or a gateway: that
       * host is probed at most this many at a time.
       */
      perHostConcurrency?: number;
      /**
       * Attempts after a quick connection failure (refused, reset, dropped),
       * with backoff and jitter. Never after a timeout: that attempt already
       * took the whole timeout, and a retry would double what a hanging
       * endpoint costs a sweep. Default 1.
       */
      retries?: number;
      /** Redirects followed, each re-checked. Default 0. */
      maxRedirects?: number;
      /** Body bytes read at most. Default 65536. */
      maxBodyBytes?: number;
      /**
       * Addresses, CIDR ranges and host names that probes may reach although
       * they are loopback, private or link-local, each on every port or on
       * the port or port range after a colon: `127.0.0.1:7110-7119`,
       * `10.0.0.0/8:443`, `[::1]:8080` (IPv6 in brackets when a port
       * follows), `health.internal:8080`, `*.svc.cluster.local` (every name
       * below a domain). IPv4 is written as four decimal numbers. A bad entry
       * stops the backend at startup, naming it. Default none: such addresses
       * are refused. The backend's own address and port (`backend.listen`,
       * and `backend.baseUrl`) are never probed, whatever this says.
       */
      allow?: string[];
      /**
       * Headers sent with every probe. Nothing else is sent: no Backstage
       * credentials, no cookies.
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** Consecutive failures before up turns down. Default 3. */
      failureThreshold?: number;
      /** Consecutive successes before down turns up. Default 2. */
      successThreshold?: number;
      /** Days of rollups and transitions kept. Default 30. */
      retentionDays?: number;
    };

    /** Deployments and errors: ingest, correlation, retention. */
    events?: {
      /**
       * An error or a health failure within this many minutes after a
       * deployment of the same environment follows from it (and makes the
       * deployment a change failure). Default 60.
       */
      correlationWindowMinutes?: number;
      /** When a deployment gets the "rollback advised" flag. */
      rollbackAdvised?: {
        /** More than this many consecutive health failures after it. Default 2. */
        consecutiveHealthFailures?: number;
        /**
         * Or errors within the window after it reaching at least minErrors
         * (default 5) and factor times those in as long before (default 3).
         */
        errorSpike?: { minErrors?: number; factor?: number };
        /**
         * Or, read from the request metrics in Prometheus (where the entity
         * has `prometheus.io/selector` and a server is configured): the
         * share of error responses since the deployment above this. Default
         * 0.05.
         */
        errorRate?: number;
        /**
         * Or p95 latency since the deployment more than (1 + this) times p95
         * over the hour before it. Default 0.5 (+50 %).
         */
        latencyIncrease?: number;
        /** Fewer requests since the deployment give no verdict. Default 20. */
        minRequests?: number;
        /**
         * How long after it reached its environment the latest deployment
         * is watched: minutes, or a duration object or ISO 8601 duration,
         * from 1 minute to 7 days. Default 60 minutes.
         */
        watchFor?: number | HumanDuration | string;
        /**
         * How often the watched deployments are measured. Default every
         * minute. Once across all replicas; a `scope` given here is ignored.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * Days deployments and errors are kept; the latest deployment of each
       * environment stays. Default 400.
       */
      retentionDays?: number;
      /** Items one ingest request may carry, at most 500. Default 500. */
      maxBatch?: number;
      /** Bytes one ingest request body may have. Default 4194304 (4 MiB). */
      maxPayloadBytes?: number;
      /**
       * Severity of the error a failing health endpoint opens, per
       * environment; `default` for the others. Default production: critical,
       * default: medium.
       */
      healthErrorSeverity?: { [environment: string]: string };
    };

    /**
     * The Kubernetes collector: rollout history and workload errors read
     * from the clusters of the Kubernetes backend plugin (it runs where the
     * backend has a `kubernetes` section), once per sweep across replicas.
     */
    kubernetes?: {
      /** Collect at all. Default true where the backend has a `kubernetes` section. */
      enabled?: boolean;
      /**
       * How often the clusters are read. Default every 5 minutes. Once
       * across all replicas; a `scope` given here is ignored.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The environment each cluster's deployments and errors belong to, by
       * the cluster's name in the kubernetes config. Default: the cluster's
       * name.
       */
      environments?: { [cluster: string]: string };
      /** A running container restarted this often is reported. Default 3. */
      restartThreshold?: number;
      /** Minutes a pod may be pending or unready before it is reported. Default 5. */
      graceMinutes?: number;
      /**
       * A rollout and a deployment another source (CI, GitHub, Argo CD)
       * reported of the same version within this many minutes are one
       * deployment, and the other source's is kept. Default 60.
       */
      mergeWindowMinutes?: number;
    };

    /**
     * Webhooks for tools without Backstage credentials; each stays closed
     * (404) until its secret or token is set.
     */
    webhooks?: {
      /** Largest body accepted, in bytes. Default 1048576. */
      maxBodyBytes?: number;
      /** Limit on one catalog lookup, in ms (a timeout answers 503). Default 5000. */
      lookupTimeoutMs?: number;
      github?: {
        /**
         * The GitHub webhook's secret (X-Hub-Signature-256).
         * @visibility secret
         */
        secret?: string;
      };
      alertmanager?: {
        /**
         * The bearer token Alertmanager sends.
         * @visibility secret
         */
        token?: string;
        /** Label(s) naming the entity (a ref or a Component name). Default [backstage_entity, service]. */
        entityLabel?: string | string[];
        /** Annotation(s) naming the entity, tried after the labels. Default none. */
        entityAnnotation?: string | string[];
        /** Label(s) naming the environment. Default [environment, env]. */
        environmentLabel?: string | string[];
        /** Default production. */
        defaultEnvironment?: string;
        /** The label carrying the severity. Default severity. */
        severityLabel?: string;
        /** Label value to severity, merged over the defaults. */
        severityMap?: {
          [labelValue: string]: 'critical' | 'high' | 'medium' | 'low';
        };
        /** Default medium. */
        defaultSeverity?: 'critical' | 'high' | 'medium' | 'low';
        /** The label carrying the category. Default category. */
        categoryLabel?: string;
        /** Default performance. */
        defaultCategory?:
          | 'configuration'
          | 'dependency'
          | 'resource'
          | 'network'
          | 'security'
          | 'performance';
      };
      argocd?: {
        /**
         * The bearer token Argo CD notifications send.
         * @visibility secret
         */
        token?: string;
        /** Default production. */
        defaultEnvironment?: string;
        /** Severity of a Degraded application. Default high. */
        degradedSeverity?: 'critical' | 'high' | 'medium' | 'low';
        /** Category of a Degraded application. Default resource. */
        degradedCategory?:
          | 'configuration'
          | 'dependency'
          | 'resource'
          | 'network'
          | 'security'
          | 'performance';
      };
    };

    /**
     * Notifications to the owners of entities, through Backstage's
     * notification service: the bell, and email or Slack where the app
     * installs those notification modules.
     */
    notifications?: {
      /** Whether OpsReady tells anyone anything. Default: true. */
      enabled?: boolean;
      rateLimit?: {
        /**
         * Notifications one recipient (a group or user the notice is
         * addressed to) gets per topic and hour, at most; the rest are
         * logged as rate-limited. A notice that a problem is over always
         * goes. Default: 20.
         */
        perHour?: number;
      };
      /**
       * How long health changes gather before they are told, so that a
       * dependency and the services it takes down are told as one
       * incident, 0-300. Default: 3.
       */
      groupWaitSeconds?: number;
      /**
       * How often an outage that goes on is told again, in the notification
       * its recipients already have (updated, not added), e.g.
       * `{ hours: 4 }` or `PT4H` (the default, as Alertmanager's
       * repeat_interval).
       */
      repeatInterval?: HumanDuration | string;

      /**
       * Per topic, how its notifications reach people: `immediate` (one
       * notification per piece of news), or gathered into one `daily` or
       * `weekly` digest per recipient. Only compliance and exemptions can
       * be gathered; health, errors, deployments and campaigns are always immediate
       * (anything else stops the backend at start-up). Default: compliance
       * daily, everything else immediate.
       */
      topics?: {
        compliance?: { delivery?: 'immediate' | 'daily' | 'weekly' };
        exemptions?: { delivery?: 'immediate' | 'daily' | 'weekly' };
        health?: { delivery?: 'immediate' | 'daily' | 'weekly' };
        errors?: { delivery?: 'immediate' | 'daily' | 'weekly' };
        deployments?: { delivery?: 'immediate' | 'daily' | 'weekly' };
        campaigns?: { delivery?: 'immediate' | 'daily' | 'weekly' };
      };
      /** When digests are sent. */
      digest?: {
        /** The hour of the day, in UTC, 0-23. Default 8. */
        hour?: number;
        /** The day weekly digests are sent, e.g. friday. Default monday. */
        weekday?: string;
      };
    };

    /** Maintenance windows (declared through the API and the entity page). */
    maintenance?: {
      /**
       * A short window opened by each deployment that starts, for its entity
       * and environment: health and error notifications are held, and
       * uptime left out, while it is in force. It ends when the deployment
       * finishes, or after `duration`, whichever comes first.
       */
      deploymentWindow?: {
        /** Open them at all. Default false. */
        enabled?: boolean;
        /**
         * How long one lasts at most: a duration object or an ISO 8601
         * duration, from 1 minute to 24 hours. Default { minutes: 15 }.
         */
        duration?: HumanDuration | string;
      };
    };

    /** Campaigns: goals the fleet is asked to reach by a deadline. */
    campaigns?: {
      /**
       * How often every campaign not ended is computed again from the
       * catalog (its scope, each entity's standing, the day's burn-up
       * point), once across replicas; evaluations update campaigns in
       * between. A duration object or an ISO 8601 duration, from 1 minute
       * to 24 hours. Default: { minutes: 15 }.
       */
      refreshInterval?: HumanDuration | string;
    };

    /**
     * Prometheus servers the SLO checks read SLIs from. An entity names its
     * series with the `prometheus.io/selector` annotation (label matchers,
     * e.g. `job="checkout",namespace="shop"`) and, optionally, the server
     * with `prometheus.io/service-name`; the first server is the default.
     */
    prometheus?: {
      servers?: Array<{
        /** Unique; what `prometheus.io/service-name` refers to. */
        name: string;
        /** The base URL, e.g. http://prometheus:9090. No credentials in it: use headers. */
        url: string;
        /**
         * Sent with every query, e.g. Authorization or a tenant header.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /**
         * One query's limit: milliseconds, or a duration object or ISO 8601
         * duration, at most 2 minutes. Default 10000.
         */
        timeout?: number | HumanDuration | string;
      }>;
      /** Queries in flight at once across all servers, 1-64. Default 4. */
      concurrency?: number;
      /**
       * The label telling a service's series apart by environment; the
       * rollback triggers match it against the deployment's environment.
       * Empty where the series carry none: the entity's selector alone is
       * used. Default environment.
       */
      environmentLabel?: string;
      /** The metric names the SLI queries use; default: the golden template's. */
      metrics?: {
        /** A request counter with a `code` label. Default http_requests_total. */
        requests?: string;
        /** A request duration histogram in seconds. Default http_request_duration_seconds. */
        duration?: string;
        /** A regular expression of the `code` values that are errors. Default 5.. */
        errorCode?: string;
      };
    };

    /** Service level objectives. */
    slo?: {
      /**
       * Objectives of entities that declare none, by lifecycle and/or tier
       * (`opsready.io/tier`): the first rule that matches applies, and a
       * rule with neither matches every entity.
       */
      defaults?: Array<{
        lifecycle?: string;
        tier?: string;
        /** Availability target in percent, e.g. 99.9. */
        availability?: number;
        /** p95 latency threshold in ms. */
        latencyP95Ms?: number;
        /** The rolling window the objectives are measured over, in days. */
        windowDays?: number;
      }>;
      /**
       * The environment the SLOs speak of: burn-rate alerts open their
       * errors on the timeline in it. Default: production.
       */
      environment?: string;
    };

    /**
     * How repositories are read. Each repository is read once per ref for
     * every component in it, conditionally on the etag of its last read,
     * and its facts are kept in the database.
     */
    sources?: {
      /**
       * When every repository in use is asked whether it changed (one
       * request for an unchanged one). Default: every 30 minutes, once
       * across replicas.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How long a sweep may wait for request budgets; what is left is
       * deferred to the next sweep and keeps its facts, shown with their
       * age. Default: 25 minutes.
       */
      sweepWithin?: HumanDuration | string;
      /**
       * When the catalog is polled for components that are new or whose
       * etag moved, which are evaluated at once. Default: every minute.
       */
      catalogPoll?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Repositories read at once. Default: 4. */
      concurrency?: number;
      /** How long one repository read may take. Default: 30 seconds. */
      readTimeout?: HumanDuration | string;
      /**
       * Requests an hour each integration host may be sent, by host as in
       * `integrations` (with the port, if any), e.g.
       * `{ github.com: { requestsPerHour: 4000 } }`. Shared by all
       * replicas; hosts not named are not limited.
       */
      budgets?: {
        [host: string]: { requestsPerHour: number };
      };
    };
  };
}
