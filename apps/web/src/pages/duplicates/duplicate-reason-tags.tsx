import type { DuplicateReason } from '@kindling/contracts/duplicates';
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const REASON_COLORS: Record<DuplicateReason, string> = {
  email: 'blue',
  phone: 'green',
  openid: 'cyan',
  unionid: 'geekblue',
  name_company: 'orange',
};

/** Why two leads look like one person: 同邮箱, 同手机, … */
export function DuplicateReasonTags({ reasons }: { reasons: DuplicateReason[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {reasons.map((reason) => (
        <Tag key={reason} color={REASON_COLORS[reason]} variant="filled" style={{ marginInlineEnd: 0 }}>
          {t(`duplicates.reasons.${reason}`)}
        </Tag>
      ))}
    </Flex>
  );
}
