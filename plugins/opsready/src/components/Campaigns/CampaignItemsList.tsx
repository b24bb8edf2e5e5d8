import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { CampaignItem } from '../../api/OpsReadyApi';

/** "Reach level gold (now silver)" for a level item; a check's own title. */
function itemTitle(item: CampaignItem): string {
  if (item.type !== 'level' || !item.requiredLevel) return item.title;
  return `${item.title} (now ${item.currentLevel ?? 'no level'})`;
}

function Item({ item }: { item: CampaignItem }) {
  const [open, setOpen] = useState(false);
  const fixId = useId();
  return (
    <Box component="li" mb={1}>
      <Typography variant="body2" component="span">
        {itemTitle(item)}
      </Typography>
      {item.message && (
        <Typography variant="body2" color="textSecondary">
          {item.message}
        </Typography>
      )}
      {item.remediation && (
        <>
          <Button
            size="small"
            aria-expanded={open}
            aria-controls={fixId}
            onClick={() => setOpen(o => !o)}
          >
            {open ? 'Hide the fix' : `How to fix: ${item.title}`}
          </Button>
          <div id={fixId}>
            <Collapse in={open} unmountOnExit>
              <MarkdownContent content={item.remediation} />
            </Collapse>
          </div>
        </>
      )}
    </Box>
  );
}

/**
 * What an entity still needs for a campaign (or what is exempted for it):
 * each check with why it fails now, and its fix on demand.
 */
export function CampaignItemsList(props: {
  items: CampaignItem[];
  label: string;
}) {
  const { items, label } = props;
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing left.
      </Typography>
    );
  }
  return (
    <Box component="ul" aria-label={label} m={0} pl={2}>
      {items.map(item => (
        <Item key={item.checkId ?? item.title} item={item} />
      ))}
    </Box>
  );
}
