import { RootConfigService as Config } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';
import { TIER_PRESETS, TierPreset } from '../manifests/tierPresets';
import { FixFiles } from './types';

const TIER_KEY = 'opsready.io/tier';
const DEFAULT_TIER = 'standard';
const MANIFEST = /\.ya?ml$/i;

/** The tier the workloads' own labels declare, if they agree on one. */
function workloadTier(files: FixFiles): string | undefined {
  const tiers = new Set<string>();
  for (const path of files.paths().filter(p => MANIFEST.test(p))) {
    const text = files.read(path);
    if (!text?.includes(TIER_KEY)) {
      continue; // Most YAML files say nothing of tiers: not parsed.
    }
    for (const document of parseAllDocuments(text) as any[]) {
      if (document.errors?.length) {
        continue; // The fixers that edit the file say where it is broken.
      }
      const value = document.toJS?.();
      const tier =
        value?.metadata?.labels?.[TIER_KEY] ??
        value?.spec?.template?.metadata?.labels?.[TIER_KEY];
      if (typeof tier === 'string' && tier.trim()) {
        tiers.add(tier.trim());
      }
    }
  }
  return tiers.size === 1 ? [...tiers][0] : undefined;
}

/**
 * The entity's tier: its annotation or label, else its workloads' label
 * (when they agree), else `opsready.fixes.defaultTier`, else standard.
 */
export function tierOf(
  entity: Entity,
  files: FixFiles,
  config: Config,
): string {
  const declared =
    entity.metadata.annotations?.[TIER_KEY] ??
    entity.metadata.labels?.[TIER_KEY];
  return (
    declared?.trim() ||
    workloadTier(files) ||
    config.getOptionalString('opsready.fixes.defaultTier') ||
    DEFAULT_TIER
  );
}

/**
 * The presets of a tier: `opsready.fixes.presets.<tier>` over the built-in
 * ones (TIER_PRESETS), key by key. A tier with neither is refused, since
 * resource values are never invented.
 */
export function presetOf(tier: string, config: Config): TierPreset {
  const builtIn = (TIER_PRESETS as Record<string, TierPreset | undefined>)[
    tier
  ];
  const configured = config.getOptionalConfig(`opsready.fixes.presets.${tier}`);
  if (!builtIn && !configured) {
    throw new InputError(
      `The tier '${tier}' has no presets; configure opsready.fixes.presets.${tier} or use one of ${Object.keys(
        TIER_PRESETS,
      ).join(', ')}`,
    );
  }
  const number = (key: string, fallback?: number) => {
    const value = configured?.getOptionalNumber(key) ?? fallback;
    if (value === undefined) {
      throw new InputError(`opsready.fixes.presets.${tier}.${key} is not set`);
    }
    return value;
  };
  const text = (key: string, fallback?: string) => {
    const value = configured?.getOptionalString(key) ?? fallback;
    if (value === undefined) {
      throw new InputError(`opsready.fixes.presets.${tier}.${key} is not set`);
    }
    return value;
  };
  return {
    replicas: number('replicas', builtIn?.replicas),
    maxReplicas: number('maxReplicas', builtIn?.maxReplicas),
    minAvailable: number('minAvailable', builtIn?.minAvailable),
    requests: {
      cpu: text('requests.cpu', builtIn?.requests.cpu),
      memory: text('requests.memory', builtIn?.requests.memory),
    },
    limits: {
      cpu: text('limits.cpu', builtIn?.limits.cpu),
      memory: text('limits.memory', builtIn?.limits.memory),
    },
  };
}
