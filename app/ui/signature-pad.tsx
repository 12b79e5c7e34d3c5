import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/use-t";

/**
 * A drawing surface for a handwritten signature (mouse, pen or finger through pointer events).
 * The drawing travels as a PNG data URL in a hidden field. People who cannot draw, or use a
 * keyboard, type their signature instead: the form offers both.
 */
export function SignaturePad({ name, onDraw }: { name: string; onDraw: () => void }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [dataUrl, setDataUrl] = useState("");

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#0b3b66";
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * canvas.width) / rect.width, y: ((e.clientY - rect.top) * canvas.height) / rect.height };
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvasRef}
        width={600}
        height={200}
        role="img"
        aria-label={t("mous.sign.padLabel")}
        onPointerDown={(e) => {
          const ctx = canvasRef.current?.getContext("2d");
          if (!ctx) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const p = point(e);
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
          ctx.lineTo(p.x + 0.1, p.y + 0.1);
          ctx.stroke();
          onDraw();
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = canvasRef.current?.getContext("2d");
          if (!ctx) return;
          const p = point(e);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
        }}
        onPointerUp={() => {
          drawing.current = false;
          setDataUrl(canvasRef.current?.toDataURL("image/png") ?? "");
        }}
        onPointerCancel={() => {
          drawing.current = false;
        }}
      />
      <input type="hidden" name={name} value={dataUrl} />
      <p className="row">
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => {
            const canvas = canvasRef.current;
            canvas?.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
            setDataUrl("");
          }}
        >
          {t("mous.sign.clear")}
        </button>
        <span className="small muted" aria-live="polite">
          {dataUrl ? t("mous.sign.drawn") : t("mous.sign.padHint")}
        </span>
      </p>
    </div>
  );
}
