import { Tooltip } from 'antd';
import { useOptionalSession } from '../session/session-context';
import { formatDateTime, fromNow } from '../time/format';

/** An instant shown in the workspace's time zone (the browser's on public pages), relative time on hover. */
export function DateTime({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  const timeZone = useOptionalSession()?.workspace.timeZone;
  if (!value) return <>—</>;
  const absolute = formatDateTime(value, timeZone);
  return (
    <Tooltip title={relative ? absolute : fromNow(value)}>
      <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
        {relative ? fromNow(value) : absolute}
      </time>
    </Tooltip>
  );
}
