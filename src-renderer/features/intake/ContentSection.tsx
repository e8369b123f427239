import { Cascader, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { caseClasses, petitionFlags, type CaseClass, type PetitionFlag } from '#shared/domain/codes';
import type { ReasonCode } from '#shared/domain/reasons';
import { classText, flagText, messages } from '#shared/messages/zh-CN';
import { AccusedFields } from './AccusedFields';
import { categoryPath, contentCategories, problemRegions } from './code-lists';
import { useDraftStore } from './draft-store';

const t = messages.intake;
const classOptions = caseClasses.map((c) => ({ value: c, label: classText[c] }));
/** 'repeat' is set by linking (重件), not by hand. */
const flagOptions = petitionFlags.filter((f) => f !== 'repeat').map((f) => ({ value: f, label: flagText[f] }));

type TextName = 'request' | 'facts' | 'reasons';

/**
 * One of 请求、事实、理由, reading only its own text from the draft store: a keystroke renders this one text area,
 * not the section (the pickers below are the costly part of it).
 */
const DraftText = memo(function DraftText({ name, rows }: { name: TextName; rows: number }) {
  const value = useDraftStore((s) => s.draft[name]);
  const update = useDraftStore((s) => s.update);
  return (
    <Form.Item label={t[name]} htmlFor={`intake-${name}`}>
      <Input.TextArea
        id={`intake-${name}`}
        value={value}
        onChange={(e) => update({ [name]: e.target.value })}
        autoSize={{ minRows: rows, maxRows: 8 }}
        maxLength={name === 'request' ? 4000 : 20000}
      />
    </Form.Item>
  );
});

/** 请求、事实、理由 (第十九条), the title, the classification pickers, the accused (第三十条) and the flags. */
export const ContentSection = memo(function ContentSection({
  accusedProblem,
}: {
  accusedProblem: ReasonCode | undefined;
}) {
  const update = useDraftStore((s) => s.update);
  const draft = useDraftStore(
    useShallow((s) => ({
      title: s.draft.title,
      class: s.draft.class,
      contentCategory: s.draft.contentCategory,
      problemRegion: s.draft.problemRegion,
      flags: s.draft.flags,
    })),
  );
  return (
    <section className="intake-section">
      <DraftText name="request" rows={2} />
      <DraftText name="facts" rows={3} />
      <DraftText name="reasons" rows={2} />
      <Form.Item label={t.titleField} htmlFor="intake-title">
        <Input
          id="intake-title"
          value={draft.title}
          onChange={(e) => update({ title: e.target.value })}
          maxLength={200}
        />
      </Form.Item>
      <Row gutter={8}>
        <Col span={6}>
          <Form.Item label={t.class} htmlFor="intake-class">
            <Select<CaseClass>
              id="intake-class"
              allowClear
              value={draft.class}
              options={classOptions}
              onChange={(v) => update({ class: v })}
            />
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
            <Select
              id="intake-region"
              allowClear
              value={draft.problemRegion}
              options={problemRegions}
              onChange={(v?: string) => update({ problemRegion: v })}
            />
          </Form.Item>
        </Col>
      </Row>
      <AccusedFields problem={accusedProblem} />
      <Form.Item label={t.flags}>
        <Checkbox.Group<PetitionFlag>
          options={flagOptions}
          value={[...draft.flags]}
          onChange={(flags) => update({ flags })}
        />
      </Form.Item>
    </section>
  );
});
