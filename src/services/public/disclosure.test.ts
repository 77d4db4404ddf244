import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL } from '../../core/scope.ts';
import type { Db } from '../../db/connect.ts';
import { requestByCode } from '../../db/public.repo.ts';
import { testDatabases } from '../../testing/databases.ts';
import {
  CREDIT_CODE,
  PDF,
  RESIDENT_ID,
  askCorrection,
  citizenForm,
  fileRequest,
  replyToRequest,
  solvedChallenge,
} from '../../testing/disclosure.ts';
import { principalOf, seedWorld, type World } from '../../testing/http.ts';
import type { Principal } from '../access.ts';
import { actorOf, listAudit } from '../audit.ts';
import { registerCase, takeCaseStep } from '../case-writes.ts';
import { showCase } from '../cases.ts';
import { FileStore, openFileStore } from '../file-store.ts';
import { addEvidence, createRecord, dropEvidence } from '../ledger-writes.ts';
import { codeHash } from './codes.ts';
import {
  ONLINE_APPLICATION,
  ONLINE_CORRECTION,
  correctDisclosureRequest,
  disclosureByCode,
  disclosureReplyFile,
  submitDisclosureRequest,
} from './disclosure.ts';
import { staffDisclosureRequest, staffReplyFile, uploadDisclosureReply } from './disclosure-staff.ts';
import { publicActor } from './guard.ts';

const day = (d: string, hour = 2): Date => new Date(`${d}T${String(hour).padStart(2, '0')}:00:00Z`);
const PUBLIC = publicActor('203.0.113.9');

const DOCX = zipSync({
  '[Content_Types].xml': strToU8(
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
  'word/document.xml': strToU8('<w:document/>'),
});
const OFD = zipSync({ 'OFD.xml': strToU8('<ofd:OFD/>'), 'Doc_0/Document.xml': strToU8('<ofd:Document/>') });
const JPG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
]);

for (const tdb of testDatabases()) {
  describe(`依申请公开 on the portal, ${tdb.name}`, () => {
    let h: Db;
    let w: World;
    let dir: string;
    let store: FileStore;
    let staff: Principal;
    let leader: Principal;
    beforeAll(async () => {
      h = await tdb.open();
      w = await seedWorld(h);
      dir = mkdtempSync(join(tmpdir(), 'fazhi-disclosure-'));
      store = openFileStore(h, dir);
      staff = principalOf(w, 'township_staff');
      leader = principalOf(w, 'township_leader');
    });
    afterAll(async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const submit = (form: Record<string, unknown>, now: Date) =>
      submitDisclosureRequest(h, PUBLIC, w.county, { form, challenge: solvedChallenge(h, now) }, now);
    const correct = (
      code: string,
      now: Date,
      form: Record<string, unknown> = {
        description: '2024年度农村公路养护资金的拨付文件（文号见县交通局网站）',
      },
    ) => correctDisclosureRequest(h, PUBLIC, code, { form, challenge: solvedChallenge(h, now) }, now);
    const caseCount = async () =>
      Number(
        (
          await h.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('opens a case at the township with its 20-working-day clock, keeps the applicant apart, audits no personal information', async () => {
      const now = day('2025-03-03');
      const { code, caseId } = await fileRequest(h, w.county, w.a, now);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      const c = await showCase(h, ALL, caseId, now.toISOString());
      expect([c.type, c.state, c.townshipId, c.date, c.data.applicant]).toEqual([
        'disclosure_request',
        'received',
        w.a.id,
        '2025-03-03',
        '张三',
      ]);
      expect(c.events[0]).toMatchObject({ action: 'open', actor: ONLINE_APPLICATION });
      // 3月4日起算20个工作日（3月无节假日）：3月31日。
      expect(c.clocks.find((k) => k.id === 'disclosure.reply')?.deadline.due).toBe('2025-03-31');

      const row = await requestByCode(h.db, 'disclosure', codeHash(code));
      expect(row).toMatchObject({
        kind: 'disclosure',
        county_id: w.county.id,
        township_id: w.a.id,
        record_id: caseId,
      });
      expect(h.dialect.readJson(row!.person)).toMatchObject({
        type: 'citizen',
        name: '张三',
        idNumber: RESIDENT_ID,
      });
      expect(h.dialect.readJson(row!.content)).toMatchObject({
        delivery: 'online',
        medium: 'electronic',
        corrections: [],
      });

      const entry = (await listAudit(h, { limit: 1000 })).at(-1)!;
      expect(entry).toMatchObject({
        action: 'public.disclosure_request',
        role: 'public',
        targetId: String(caseId),
      });
      const text = JSON.stringify(entry);
      for (const pii of ['张三', RESIDENT_ID, '13800138000', '人民路', '养护资金'])
        expect(text).not.toContain(pii);

      const s = await disclosureByCode(h, code, now, w.county);
      expect(s).toMatchObject({
        township: '甲镇',
        applicant: '张*',
        state: 'received',
        stateLabel: '办理中',
        receivedOn: '2025-03-03',
        replyDue: '2025-03-31',
        paused: false,
        correction: null,
        reply: null,
        history: [{ date: '2025-03-03', label: '收到申请' }],
      });
      expect(JSON.stringify(s)).not.toMatch(/张三|13800138000|人民路|110105/);
    });

    it('refuses a form with missing or malformed fields, naming each in Chinese, and stores nothing', async () => {
      const now = day('2025-03-03', 3);
      const before = await caseCount();
      const errors = async (form: Record<string, unknown>) => {
        const e = await submit(form, now).then(
          () => null,
          (x: unknown) => x as { status: number; details: { field: string; message: string }[] },
        );
        expect(e?.status).toBe(400);
        return e!.details;
      };
      const empty = await errors({});
      expect(empty.map((d) => d.field)).toEqual(
        expect.arrayContaining([
          'applicantType',
          'phone',
          'address',
          'township',
          'description',
          'delivery',
          'medium',
        ]),
      );
      expect(empty.map((d) => d.message)).toContain('请选择申请人类型');
      const citizen = await errors(
        citizenForm(w.a, { name: '', idNumber: '110105194912310021', phone: '12345' }),
      );
      expect(citizen.map((d) => d.message)).toEqual([
        '请填写姓名',
        '证件号码不是有效的居民身份证号码（18位，最后一位可为X），请核对',
        '联系电话应为11位手机号码，或带区号的固定电话（如0731-12345678）',
      ]);
      const org = await errors(
        citizenForm(w.a, {
          applicantType: 'organisation',
          orgName: '某公司',
          creditCode: '91350100M000100Y44',
        }),
      );
      expect(org.map((d) => d.field)).toEqual(['creditCode', 'legalRep', 'contact']);
      const ways = await errors(citizenForm(w.a, { delivery: 'email', medium: 'paper' }));
      expect(ways.map((d) => d.message)).toEqual([
        '通过电子邮件或网上下载获取的，提供形式应为电子文档',
        '选择电子邮件获取的，请填写电子邮箱',
      ]);
      const long = await errors(
        citizenForm(w.a, { description: '资'.repeat(2001), address: 'x'.repeat(201) }),
      );
      expect(long.map((d) => d.message)).toEqual([
        '通信地址不能超过200个字（现有201个字）',
        '所需信息的名称、文号或描述不能超过2000个字（现有2001个字）',
      ]);
      expect((await errors(citizenForm(w.a, { delivery: 'fax' }))).map((d) => d.message)).toEqual([
        '获取信息的方式应为：邮寄纸质、电子邮件、当面领取、网上下载',
      ]);
      await expect(submit(citizenForm(w.c), now)).rejects.toMatchObject({
        status: 400,
        message: '请选择本县（区）的乡镇（街道）',
      });
      expect(await caseCount()).toBe(before);
    });

    it('accepts an organisation, and keeps HTML and script in every field as plain text', async () => {
      const now = day('2025-03-03', 4);
      const evil = '<script>alert(1)</script>';
      const org = await submit(
        citizenForm(w.b, {
          applicantType: 'organisation',
          orgName: `${evil}公司`,
          creditCode: CREDIT_CODE.toLowerCase(),
          legalRep: evil,
          contact: `"'><img src=x onerror=alert(1)>`,
          address: evil,
          description: `${evil}\n第二行`,
          delivery: 'pickup',
          medium: 'paper',
        }),
        now,
      );
      const row = await requestByCode(h.db, 'disclosure', codeHash(org.code));
      expect(h.dialect.readJson(row!.person)).toMatchObject({
        type: 'organisation',
        name: `${evil}公司`,
        creditCode: CREDIT_CODE,
        legalRep: evil,
        contact: `"'><img src=x onerror=alert(1)>`,
      });
      expect(h.dialect.readJson(row!.content)).toMatchObject({ description: `${evil}\n第二行` });
      const c = await showCase(h, ALL, Number(row!.record_id), now.toISOString());
      expect([c.title, c.data.applicant]).toEqual([`${evil} 第二行`, `${evil}公司`]);
      expect((await disclosureByCode(h, org.code, now)).applicant).toBe('<***');
    });

    it('refuses the same request within 12 hours (409) and a replayed challenge, and accepts it the next day', async () => {
      const now = day('2025-03-03', 5);
      const form = citizenForm(w.a);
      await submit(form, now);
      const later = new Date(now.getTime() + 3600_000);
      await expect(submit(form, later)).rejects.toMatchObject({ status: 409, code: 'duplicate' });
      await expect(submit(form, later)).rejects.toThrow('12小时内已提交过内容相同的申请');
      const challenge = solvedChallenge(h, now);
      await submitDisclosureRequest(h, PUBLIC, w.county, { form: citizenForm(w.a), challenge }, now);
      await expect(
        submitDisclosureRequest(h, PUBLIC, w.county, { form: citizenForm(w.a), challenge }, now),
      ).rejects.toThrow('已使用过');
      await expect(submit(form, new Date(now.getTime() + 25 * 3600_000))).resolves.toMatchObject({
        receivedOn: '2025-03-04',
      });
    });

    it('answers an unknown, a malformed and another county’s code as not found', async () => {
      const now = day('2025-03-03', 6);
      await expect(disclosureByCode(h, 'ABCD-EFGH-JKMN-PQRS', now)).rejects.toMatchObject({ status: 404 });
      await expect(disclosureByCode(h, 'ABCD-EFGH-JKMN-PQRS', now)).rejects.toThrow('查询码不存在');
      await expect(disclosureByCode(h, '<script>', now)).rejects.toMatchObject({ status: 404 });
      const { code } = await fileRequest(h, w.county, w.a, now);
      await expect(disclosureByCode(h, code, now, w.otherCounty)).rejects.toMatchObject({ status: 404 });
      await expect(
        disclosureByCode(h, code.toLowerCase().replace(/-/g, ' '), now, w.county),
      ).resolves.toMatchObject({
        state: 'received',
      });
      await expect(disclosureReplyFile(h, store, code, now, w.otherCounty)).rejects.toMatchObject({
        status: 404,
      });
    });

    it('takes a 补正 only while the case is 补正中, and the reply period restarts from it', async () => {
      const { code, caseId } = await fileRequest(h, w.county, w.a, day('2025-03-03', 7));
      await expect(correct(code, day('2025-03-04'))).rejects.toMatchObject({
        status: 409,
        message: '该申请当前不需要补正，无须提交补正',
      });
      await askCorrection(
        h,
        staff,
        caseId,
        day('2025-03-05'),
        '请写明所需信息的文号或形成时间，\n并说明涉及的路段',
      );
      const asked = await disclosureByCode(h, code, day('2025-03-06'));
      expect(asked).toMatchObject({
        state: 'correction',
        stateLabel: '需要补正',
        replyDue: null,
        // 未载明期限的按15个工作日计：3月6日起数15个工作日，3月26日。
        correction: {
          askedOn: '2025-03-05',
          what: '请写明所需信息的文号或形成时间，\n并说明涉及的路段',
          due: '2025-03-26',
        },
      });
      await expect(correct(code, day('2025-03-10'), { description: '' })).rejects.toMatchObject({
        status: 400,
        details: [{ field: 'description', message: '请填写补正后的申请内容' }],
      });
      const after = await correct(code, day('2025-03-10'));
      // 3月10日收到补正，重新起算20个工作日：清明节4月4日至6日放假，4月8日届满。
      expect(after).toMatchObject({
        state: 'received',
        correctedOn: '2025-03-10',
        replyDue: '2025-04-08',
        correction: null,
      });
      expect(after.history.map((e) => e.label)).toEqual(['收到申请', '告知补正', '收到补正后的申请']);
      const c = await showCase(h, ALL, caseId, day('2025-03-10').toISOString());
      expect(c.events.at(-1)).toMatchObject({
        action: 'corrected',
        actor: ONLINE_CORRECTION,
        date: '2025-03-10',
      });
      const row = await requestByCode(h.db, 'disclosure', codeHash(code));
      expect(h.dialect.readJson(row!.content)).toMatchObject({
        corrections: [
          {
            on: '2025-03-10',
            description: '2024年度农村公路养护资金的拨付文件（文号见县交通局网站）',
            note: null,
          },
        ],
      });
      const entry = (await listAudit(h, { limit: 1000 })).at(-1)!;
      expect(entry.action).toBe('public.disclosure_correction');
      expect(JSON.stringify(entry)).not.toContain('养护资金');
      await expect(correct(code, day('2025-03-11'))).rejects.toMatchObject({ status: 409 });
    });

    it('shows an extension with its reason and new date, and a paused clock while a third party is consulted', async () => {
      const { code, caseId } = await fileRequest(h, w.county, w.a, day('2025-03-03', 8));
      await takeCaseStep(
        h,
        leader,
        actorOf(leader, null),
        caseId,
        { action: 'extend', values: { extension: 20 }, reason: '需要调取档案并逐页审查' },
        day('2025-03-05').toISOString(),
      );
      // 3月31日再延长20个工作日：清明（4月4日至6日）不计，4月28日届满。
      expect(await disclosureByCode(h, code, day('2025-03-06'))).toMatchObject({
        state: 'received',
        replyDue: '2025-04-28',
        extension: { on: '2025-03-05', reason: '需要调取档案并逐页审查', days: 20 },
      });
      await takeCaseStep(
        h,
        staff,
        actorOf(staff, null),
        caseId,
        { action: 'consult' },
        day('2025-03-06').toISOString(),
      );
      expect(await disclosureByCode(h, code, day('2025-03-07'))).toMatchObject({
        state: 'consulting',
        stateLabel: '征求第三方意见',
        paused: true,
      });
    });

    it('keeps a reply document whose bytes were also a record’s evidence, when that evidence is removed', async () => {
      const now = day('2025-03-03', 9);
      const { code, caseId } = await fileRequest(h, w.county, w.a, now);
      const upload = { name: '答复书.pdf', bytes: PDF };
      await uploadDisclosureReply(h, store, staff, actorOf(staff, null), caseId, upload, now.toISOString());
      await replyToRequest(h, staff, caseId, day('2025-03-12'));
      const rec = await createRecord(
        h,
        staff,
        actorOf(staff, null),
        { kind: 'disclosure_item', draft: { date: '2025-03-12', title: '答复书同文', data: {} } },
        now.toISOString(),
      );
      const ev = await addEvidence(h, store, staff, actorOf(staff, null), rec.id, upload, now.toISOString());
      await dropEvidence(h, store, staff, actorOf(staff, null), ev.id, now.toISOString());
      const file = await disclosureReplyFile(h, store, code, day('2025-03-13'));
      expect(Buffer.compare(file.bytes, PDF)).toBe(0);
    });

    it('offers the reply document only once the case is 已答复, and keeps the delivered one', async () => {
      const now = day('2025-03-03', 9);
      const { code, caseId } = await fileRequest(h, w.county, w.a, now);
      const up = await uploadDisclosureReply(
        h,
        store,
        staff,
        actorOf(staff, null),
        caseId,
        { name: '答复书', bytes: PDF },
        now.toISOString(),
      );
      expect(up).toMatchObject({ fileName: '答复书.pdf', mime: 'application/pdf', size: PDF.length });
      await expect(disclosureReplyFile(h, store, code, now)).rejects.toMatchObject({
        status: 404,
        message: '该申请尚未答复，暂无答复文书可下载',
      });
      expect((await disclosureByCode(h, code, now)).reply).toBeNull();
      await uploadDisclosureReply(
        h,
        store,
        staff,
        actorOf(staff, null),
        caseId,
        { name: '答复书.docx', bytes: DOCX },
        now.toISOString(),
      );
      await replyToRequest(h, staff, caseId, day('2025-03-12'));
      const s = await disclosureByCode(h, code, day('2025-03-12'));
      expect(s).toMatchObject({
        state: 'replied',
        stateLabel: '已答复',
        replyDue: null,
        reply: {
          on: '2025-03-12',
          type: 'disclosed',
          typeLabel: '予以公开',
          document: { fileName: '答复书.docx' },
        },
      });
      const file = await disclosureReplyFile(h, store, code, day('2025-03-12'));
      expect([file.fileName, Buffer.compare(file.bytes, Buffer.from(DOCX))]).toEqual(['答复书.docx', 0]);
      await expect(
        uploadDisclosureReply(
          h,
          store,
          staff,
          actorOf(staff, null),
          caseId,
          { name: 'x.pdf', bytes: PDF },
          now.toISOString(),
        ),
      ).rejects.toMatchObject({ status: 409, message: '该申请已答复，已送达的答复文书不能替换' });
      await expect(correct(code, day('2025-03-13'))).rejects.toMatchObject({
        status: 409,
        message: '该申请当前已答复，无须提交补正',
      });

      const bare = await fileRequest(h, w.county, w.a, now);
      await replyToRequest(h, staff, bare.caseId, day('2025-03-12'));
      await expect(disclosureReplyFile(h, store, bare.code, day('2025-03-12'))).rejects.toMatchObject({
        status: 404,
        message: '答复文书未上传到网上，将按您选择的方式送达',
      });
      // After the reply, a document may still be put online once.
      await uploadDisclosureReply(
        h,
        store,
        staff,
        actorOf(staff, null),
        bare.caseId,
        { name: '答复.ofd', bytes: OFD },
        now.toISOString(),
      );
      expect((await disclosureReplyFile(h, store, bare.code, day('2025-03-12'))).mime).toBe(
        'application/ofd',
      );
    });

    it('shows the applicant only to staff who may see the case, audited without the personal information', async () => {
      const now = day('2025-03-03', 10);
      const { caseId } = await fileRequest(h, w.county, w.a, now);
      const got = await staffDisclosureRequest(
        h,
        staff,
        actorOf(staff, '10.0.0.1'),
        caseId,
        now.toISOString(),
      );
      expect(got).toMatchObject({
        township: '甲镇',
        applicant: {
          type: 'citizen',
          typeLabel: '公民',
          name: '张三',
          idTypeLabel: '居民身份证',
          idNumber: RESIDENT_ID,
        },
        request: { delivery: 'online', deliveryLabel: '网上下载', mediumLabel: '电子文档', corrections: [] },
        reply: null,
      });
      const entry = (await listAudit(h, { limit: 1000 })).at(-1)!;
      expect(entry).toMatchObject({ action: 'public.disclosure_read', targetId: String(caseId) });
      expect(JSON.stringify(entry)).not.toMatch(/张三|110105|13800138000/);

      const officer = principalOf(w, 'county_officer');
      await expect(
        staffDisclosureRequest(h, officer, actorOf(officer, null), caseId, now.toISOString()),
      ).resolves.toMatchObject({
        applicant: { name: '张三' },
      });
      const elsewhere: Principal = { ...staff, id: w.users.township_staff, orgId: w.c.id, orgPath: w.c.path };
      await expect(
        staffDisclosureRequest(h, elsewhere, actorOf(elsewhere, null), caseId, now.toISOString()),
      ).rejects.toMatchObject({ status: 404 });
      for (const role of ['legal_adviser', 'grid_member', 'auditor'] as const) {
        const p = principalOf(w, role);
        await expect(
          staffDisclosureRequest(h, p, actorOf(p, null), caseId, now.toISOString()),
        ).rejects.toMatchObject({ status: 403 });
      }
      await expect(
        uploadDisclosureReply(
          h,
          store,
          officer,
          actorOf(officer, null),
          caseId,
          { name: 'a.pdf', bytes: PDF },
          now.toISOString(),
        ),
      ).rejects.toMatchObject({ status: 403 });

      const upload = (name: string, bytes: Uint8Array) =>
        uploadDisclosureReply(
          h,
          store,
          leader,
          actorOf(leader, null),
          caseId,
          { name, bytes },
          now.toISOString(),
        );
      await expect(upload('a.txt', Buffer.from('纯文本答复'))).rejects.toMatchObject({ status: 415 });
      await expect(upload('a.pdf', Buffer.alloc(0))).rejects.toMatchObject({ status: 400 });
      await expect(upload('a.pdf', Buffer.alloc(20 * 1024 * 1024 + 1))).rejects.toMatchObject({
        status: 413,
      });
      await expect(upload('扫描件.JPEG', JPG)).resolves.toMatchObject({
        fileName: '扫描件.JPEG',
        mime: 'image/jpeg',
      });
      const file = await staffReplyFile(h, store, staff, actorOf(staff, null), caseId, now.toISOString());
      expect(Buffer.compare(file.bytes, JPG)).toBe(0);
      expect((await listAudit(h, { limit: 1000 })).at(-1)?.action).toBe('public.disclosure_reply_download');

      // A disclosure case entered by staff has no portal request behind it.
      const own = await registerCase(
        h,
        staff,
        actorOf(staff, null),
        {
          type: 'disclosure_request',
          townshipId: w.a.id,
          draft: { date: '2025-03-03', title: '来信申请', data: { applicant: '李四' } },
        },
        now.toISOString(),
      );
      await expect(
        staffDisclosureRequest(h, staff, actorOf(staff, null), own.id, now.toISOString()),
      ).resolves.toBeNull();
      await expect(
        uploadDisclosureReply(
          h,
          store,
          staff,
          actorOf(staff, null),
          own.id,
          { name: 'a.pdf', bytes: PDF },
          now.toISOString(),
        ),
      ).rejects.toMatchObject({ status: 404 });
    });
  });
}
