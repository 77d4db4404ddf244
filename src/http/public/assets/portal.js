// The public portal's one script: forms are submitted as JSON after a proof of work (no
// third-party captcha), photos are uploaded after the submission, and answers are shown in place.
'use strict';

function leadingZeroBits(bytes) {
  let n = 0;
  for (const b of bytes) {
    if (b === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(b) - 24;
  }
  return n;
}

async function solve(token, bits, onProgress) {
  const enc = new TextEncoder();
  const batch = 256;
  for (let start = 0; ; start += batch) {
    const tries = [];
    for (let i = start; i < start + batch; i++) {
      const nonce = i.toString(36);
      tries.push(
        crypto.subtle
          .digest('SHA-256', enc.encode(token + ':' + nonce))
          .then((d) => [nonce, new Uint8Array(d)]),
      );
    }
    for (const [nonce, digest] of await Promise.all(tries)) if (leadingZeroBits(digest) >= bits) return nonce;
    if (start % 8192 === 0) onProgress();
  }
}

function fieldsOf(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.type === 'file' || el.disabled) continue;
    if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) continue;
    out[el.name] = el.value;
  }
  return out;
}

function say(form, text, kind) {
  const box = form.querySelector('.form-message');
  if (!box) return;
  box.textContent = text;
  box.className = 'form-message ' + (kind || '');
  box.hidden = !text;
  if (text && kind === 'error') box.focus();
}

function errorText(body, status) {
  const e = body && body.error;
  if (!e) return '提交失败（' + status + '），请稍后重试';
  const details = Array.isArray(e.details) ? e.details.map((d) => d.message || String(d)).join('；') : '';
  return details ? e.message + '：' + details : e.message;
}

async function sendJson(url, body) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  const text = await r.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { ok: r.ok, status: r.status, json };
}

async function uploadFiles(form, answer) {
  const template = form.dataset.upload;
  if (!template) return;
  for (const input of form.querySelectorAll('input[type=file]')) {
    for (const file of input.files) {
      const url =
        template.replace('{code}', encodeURIComponent(answer.code)) +
        '?name=' +
        encodeURIComponent(file.name);
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
        credentials: 'omit',
      });
      if (!r.ok) {
        let body = null;
        try {
          body = await r.json();
        } catch {
          body = null;
        }
        throw new Error('照片“' + file.name + '”未能上传：' + errorText(body, r.status));
      }
    }
  }
}

// A file input may declare its limits (data-max-files, data-max-bytes): checked before any work is done.
function fileProblem(form) {
  for (const input of form.querySelectorAll('input[type=file]')) {
    const most = Number(input.dataset.maxFiles || 0);
    if (most && input.files.length > most) return '最多选择' + most + '个文件';
    const bytes = Number(input.dataset.maxBytes || 0);
    for (const file of input.files)
      if (bytes && file.size > bytes)
        return '“' + file.name + '”超过' + Math.round(bytes / 1048576) + ' MB，请压缩后再选';
  }
  return '';
}

async function submit(form) {
  const button = form.querySelector('button[type=submit]');
  const problem = fileProblem(form);
  if (problem) {
    say(form, problem, 'error');
    return;
  }
  button.disabled = true;
  let code = '';
  try {
    say(form, '正在进行提交校验，请稍候…', 'busy');
    const c = await fetch('/api/public/challenge', { credentials: 'omit' }).then((r) => r.json());
    if (!c.token) throw new Error(errorText(c, 0));
    let dots = 0;
    const nonce = await solve(c.token, c.bits, () =>
      say(form, '正在进行提交校验，请稍候' + '…'.repeat((dots++ % 3) + 1), 'busy'),
    );
    say(form, '正在提交…', 'busy');
    const r = await sendJson(form.dataset.submit, {
      ...fieldsOf(form),
      challenge: { token: c.token, nonce },
    });
    if (!r.ok) throw new Error(errorText(r.json, r.status));
    code = r.json && r.json.code ? r.json.code : '';
    if (code) await uploadFiles(form, r.json);
    const next = form.dataset.next;
    if (next) {
      const url = next.replace('{code}', encodeURIComponent(code));
      if (code) sessionStorage.setItem('fazhi.publicCode', code);
      location.assign(url);
      return;
    }
    say(form, (r.json && r.json.message) || '已提交', 'ok');
    form.reset();
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    // Submitted, but a file failed: the code must not be lost with the error.
    say(form, code ? '已提交，查询码 ' + code + '，请记下；' + text : text, 'error');
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('submit', (ev) => {
  const form = ev.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.submit) return;
  ev.preventDefault();
  if (!form.reportValidity()) return;
  void submit(form);
});

// A fresh code is shown once, big, with a copy button.
document.addEventListener('click', (ev) => {
  const t = ev.target;
  if (!(t instanceof HTMLElement) || !t.dataset.copy) return;
  void navigator.clipboard?.writeText(t.dataset.copy).then(() => {
    t.textContent = '已复制';
  });
});
