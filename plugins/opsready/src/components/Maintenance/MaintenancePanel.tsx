import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import {
  normalizeEntityRef,
  opsreadyMaintenanceManagePermission,
} from '@opsready/plugin-opsready-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsreadyApiRef } from '../../api/OpsReadyApi';
import { AsyncContent, notAllowedReasons, WhyNotAllowed } from '../shared';
import {
  DeclareMaintenanceDialog,
  MaintenanceTarget,
} from './DeclareMaintenanceDialog';
import { MaintenanceWindowItem } from './MaintenanceWindowItem';

/** The entity, and the system it belongs to when it names one. */
function targetsOf(entity: Entity): MaintenanceTarget[] {
  const own = {
    ref: getCompoundEntityRef(entity),
    label: `This ${entity.kind.toLocaleLowerCase('en-US')} (${
      entity.metadata.title ?? entity.metadata.name
    })`,
  };
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) return [own];
  try {
    const ref = parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return [
      own,
      { ref, label: `Its system (${ref.name}), for all its entities` },
    ];
  } catch {
    return [own];
  }
}

/**
 * The maintenance windows of an entity, its system's among them, in force
 * and upcoming; whoever may manage the entity declares new ones here.
 * `onChanged` is told after a window is declared or deleted, for views that
 * show maintenance too.
 */
export function MaintenancePanel(props: {
  entity: Entity;
  onChanged?: () => void;
}) {
  const { entity, onChanged } = props;
  const api = useApi(opsreadyApiRef);
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity);
  const normalizedRef = normalizeEntityRef(entity);
  const targets = useMemo(() => targetsOf(entity), [entity]);
  const windows = useAsyncRetry(
    () => api.getMaintenanceWindows(ref),
    [api, entityRef],
  );
  const { allowed: mayDeclare } = usePermission({
    permission: opsreadyMaintenanceManagePermission,
    resourceRef: entityRef,
  });
  const [declaring, setDeclaring] = useState(false);
  const [done, setDone] = useState<string>();

  const changed = (message: string) => {
    setDone(message);
    windows.retry();
    onChanged?.();
  };

  return (
    <InfoCard
      title="Maintenance windows"
      subheader="While one is in force, health and error notifications are held and uptime leaves its time out"
      action={
        <WhyNotAllowed
          reason={mayDeclare ? undefined : notAllowedReasons.declareMaintenance}
        >
          <Button
            variant="outlined"
            color="primary"
            disabled={!mayDeclare}
            onClick={() => setDeclaring(true)}
          >
            Declare maintenance
          </Button>
        </WhyNotAllowed>
      }
    >
      {done && (
        <Typography variant="body2" role="status" paragraph>
          {done}
        </Typography>
      )}
      <AsyncContent {...windows}>
        {({ items }) =>
          items.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No maintenance window is in force or coming up.
            </Typography>
          ) : (
            <List dense disablePadding aria-label="Maintenance windows">
              {items.map(window => (
                <MaintenanceWindowItem
                  key={window.id}
                  window={window}
                  entityRef={normalizedRef}
                  onDeleted={() =>
                    changed(`Maintenance window deleted: ${window.reason}`)
                  }
                />
              ))}
            </List>
          )
        }
      </AsyncContent>
      {declaring && (
        <DeclareMaintenanceDialog
          targets={targets}
          onClose={() => setDeclaring(false)}
          onDone={window => {
            setDeclaring(false);
            changed(`Maintenance declared: ${window.reason}`);
          }}
        />
      )}
    </InfoCard>
  );
}
