import { Cascader, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { caseClasses, petitionFlags, type CaseClass, type PetitionFlag } from '#shared/domain/codes';
import { classText, flagText } from '#shared/messages/zh-CN';
import { messages } from '../../app/messages';
import { categoryPath, contentCategories, problemRegions } from './code-lists';
import type { Draft } from './draft';
import { useDraftStore } from './draft-store';

const t = messages.intake;
const classOptions = caseClasses.map((c) => ({ value: c, label: classText[c] }));
/** 'repeat' is set by linking (重件), not by hand. */
const flagOptions = petitionFlags.filter((f) => f !== 'repeat').map((f) => ({ value: f, label: flagText[f] }));

/** 请求、事实、理由 (第十九条), the title, the classification pickers and the flags. */
export function ContentSection({ draft }: { draft: Draft }) {
  const update = useDraftStore((s) => s.update);
  const text = (name: 'request' | 'facts' | 'reasons', rows: number) => (
    <Form.Item label={t[name]} htmlFor={`intake-${name}`}>
      <Input.TextArea id={`intake-${name}`} value={draft[name]} onChange={(e) => update({ [name]: e.target.value })} autoSize={{ minRows: rows, maxRows: 8 }} maxLength={name === 'request' ? 4000 : 20000} />
    </Form.Item>
  );
  return (
    <section className="intake-section">
      {text('request', 2)}
      {text('facts', 3)}
      {text('reasons', 2)}
      <Form.Item label={t.titleField} htmlFor="intake-title">
        <Input id="intake-title" value={draft.title} onChange={(e) => update({ title: e.target.value })} maxLength={200} />
      </Form.Item>
      <Row gutter={8}>
        <Col span={6}>
          <Form.Item label={t.class} htmlFor="intake-class">
            <Select<CaseClass> id="intake-class" allowClear value={draft.class} options={classOptions} onChange={(v) => update({ class: v })} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label={t.contentCategory} htmlFor="intake-category" tooltip={t.bundledListNote}>
            <Cascader
              id="intake-category"
              options={contentCategories}
              value={categoryPath(draft.contentCategory)}
              onChange={(path) => update({ contentCategory: path && path.length > 0 ? path.join('_') : undefined })}
              showSearch
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={t.problemRegion} htmlFor="intake-region" tooltip={t.bundledListNote}>
            <Select id="intake-region" allowClear value={draft.problemRegion} options={problemRegions} onChange={(v?: string) => update({ problemRegion: v })} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.flags}>
        <Checkbox.Group<PetitionFlag> options={flagOptions} value={[...draft.flags]} onChange={(flags) => update({ flags })} />
      </Form.Item>
    </section>
  );
}
