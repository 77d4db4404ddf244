import { CameraOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef } from 'react';
import { api } from '../../api/client.ts';

/** Evidence files are refused above this size by the server (services/evidence.ts MAX_EVIDENCE_BYTES). */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/** Photos too large to upload, as a Chinese sentence, or null when every one fits. */
export function oversized(files: readonly File[]): string | null {
  const big = files.filter((f) => f.size > MAX_PHOTO_BYTES);
  return big.length === 0 ? null : `照片不能超过 20 MB：${big.map((f) => f.name).join('、')}`;
}

/**
 * A button that opens the phone's camera (the rear one) or its photo library: a plain file input
 * with `capture`, which every mobile browser understands without a plugin.
 */
export function PhotoInput({
  label,
  onPick,
  busy,
  testId,
}: {
  label: string;
  onPick: (files: File[]) => void;
  busy?: boolean;
  testId?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
      <Button
        icon={<CameraOutlined />}
        block
        size="large"
        loading={busy}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
    </>
  );
}

/** Uploads photos one by one through the record's evidence path (the server checks type and size). */
export async function uploadPhotos(recordId: number, files: readonly File[]): Promise<void> {
  for (const f of files) await api(`/api/records/${recordId}/evidence`, { file: f });
}
