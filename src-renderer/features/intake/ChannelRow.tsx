import { DatePicker, Form, Radio, Space } from 'antd';
import { memo } from 'react';
import dayjs from 'dayjs';
import { channels } from '#shared/domain/codes';
import type { ReasonCode } from '#shared/domain/reasons';
import { channelText, messages, reasonText } from '#shared/messages/zh-CN';
import { useDraftStore } from './draft-store';

const t = messages.intake;

/**
 * The channel comes first (第十七条: it decides what the law expects next), focused when the page opens; arrow
 * keys move between channels. The receipt time defaults to when typing began; a letter's can be set back.
 * Reads its two fields from the draft store itself, so typing elsewhere in the form does not render it again.
 */
export const ChannelRow = memo(function ChannelRow({
  channelProblem,
  timeProblem,
}: {
  channelProblem: ReasonCode | undefined;
  timeProblem: ReasonCode | undefined;
}) {
  const update = useDraftStore((s) => s.update);
  const channel = useDraftStore((s) => s.draft.channel);
  const receivedAt = useDraftStore((s) => s.draft.receivedAt);
  return (
    <Space wrap align="start" className="intake-channel-row">
      <Form.Item
        label={t.channel}
        validateStatus={channelProblem ? 'error' : undefined}
        help={channelProblem ? reasonText[channelProblem] : undefined}
      >
        <Radio.Group
          buttonStyle="solid"
          aria-label={t.channel}
          value={channel}
          onChange={(e) => update({ channel: channels.find((c) => c === e.target.value) })}
        >
          {channels.map((c, i) => (
            <Radio.Button key={c} value={c} autoFocus={channel ? channel === c : i === 0}>
              {channelText[c]}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        label={t.receivedAt}
        htmlFor="intake-received"
        validateStatus={timeProblem ? 'error' : undefined}
        help={timeProblem ? reasonText[timeProblem] : undefined}
      >
        <DatePicker
          id="intake-received"
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowClear={false}
          value={receivedAt ? dayjs(receivedAt) : null}
          placeholder={dayjs().format('YYYY-MM-DD HH:mm')}
          onChange={(d) => d && update({ receivedAt: d.toISOString() })}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
    </Space>
  );
});
