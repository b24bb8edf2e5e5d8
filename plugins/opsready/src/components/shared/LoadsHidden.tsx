import Grid from '@material-ui/core/Grid';
import { ReactNode } from 'react';

/**
 * A full-width grid row that is mounted, and so starts loading its own data,
 * before it is shown: a tab's table then loads beside the tab's overview
 * instead of after it, and shows once the overview has told whether there is
 * anything to list.
 */
export function LoadsHidden(props: { shown: boolean; children: ReactNode }) {
  return (
    <Grid item xs={12} style={props.shown ? undefined : { display: 'none' }}>
      {props.children}
    </Grid>
  );
}
