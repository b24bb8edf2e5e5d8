import { render, screen } from '@testing-library/react';
import { DateTime } from 'luxon';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  it('says "just now" for the last minute rather than "0 seconds ago"', () => {
    render(
      <RelativeTime iso={DateTime.now().minus({ seconds: 3 }).toISO()!} />,
    );
    expect(screen.getByText('just now')).toBeInTheDocument();
  });

  it('says how long ago an older moment was, keeping the exact time in the markup', () => {
    const iso = DateTime.now().minus({ hours: 2 }).toISO()!;
    render(<RelativeTime iso={iso} />);
    expect(screen.getByText('2 hours ago')).toHaveAttribute('datetime', iso);
  });
});
