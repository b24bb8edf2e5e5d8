import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { FixProposal } from '@opsready/plugin-opsready-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsreadyApiRef } from '../../api/OpsReadyApi';

const NONE: ReadonlyMap<string, FixProposal> = new Map();

/**
 * The entity's open fix proposals by check, the newest for each. They only
 * add to the checks shown: while they load, or when they cannot be read,
 * there are none, and the checks show as they would without them.
 */
export function useFixProposals(
  entity: CompoundEntityRef,
  /** When the entity was last evaluated: a new evaluation reads them again. */
  evaluatedAt?: string,
): ReadonlyMap<string, FixProposal> {
  const api = useApi(opsreadyApiRef);
  const ref = stringifyEntityRef(entity);
  const { value } = useAsync(
    () => api.getFixProposals(entity),
    // The ref string, not the object: a new object each render would reload.
    [api, ref, evaluatedAt],
  );
  return useMemo(() => {
    if (!value) return NONE;
    const byCheck = new Map<string, FixProposal>();
    // Newest first, as the backend lists them: the first one per check wins.
    for (const proposal of value.items) {
      if (!byCheck.has(proposal.checkId)) {
        byCheck.set(proposal.checkId, proposal);
      }
    }
    return byCheck;
  }, [value]);
}
