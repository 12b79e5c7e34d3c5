import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/use-t";

type BarcodeDetectorLike = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type DetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/**
 * Reads a ticket's QR code with the device camera. Uses the browser's own BarcodeDetector where
 * there is one (Chrome on Android), else decodes frames with jsQR, loaded only when scanning starts.
 * Without a camera the page still works: the code can be typed.
 */
export function TicketScanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [available, setAvailable] = useState(false);
  const [state, setState] = useState<"idle" | "scanning" | "failed">("idle");
  const stopRef = useRef<() => void>(() => {});

  useEffect(() => {
    setAvailable(Boolean(navigator.mediaDevices?.getUserMedia));
    return () => stopRef.current();
  }, []);

  async function start() {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      const el = video.current!;
      el.srcObject = stream;
      await el.play();
      setState("scanning");
      let stopped = false;
      stopRef.current = () => {
        stopped = true;
        stream.getTracks().forEach((track) => track.stop());
        setState("idle");
      };
      const Detector = (window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
      const detector = Detector ? new Detector({ formats: ["qr_code"] }) : null;
      const jsQR = detector ? null : (await import("jsqr")).default;
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true });
      let last = "";
      const tick = async () => {
        if (stopped) return;
        let code: string | null = null;
        if (el.readyState >= 2) {
          if (detector) {
            const found = await detector.detect(el).catch(() => []);
            code = found[0]?.rawValue ?? null;
          } else if (jsQR && context) {
            canvas.width = el.videoWidth;
            canvas.height = el.videoHeight;
            context.drawImage(el, 0, 0);
            code = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data ?? null;
          }
        }
        // The same ticket held in front of the camera is read once, not once a frame.
        if (code && code !== last) {
          last = code;
          onCode(code);
        }
        window.setTimeout(tick, 250);
      };
      void tick();
    } catch {
      setState("failed");
    }
  }

  if (!available) return null;
  return (
    <div className="scanner">
      <video ref={video} className={state === "scanning" ? "scanner-video" : "scanner-video scanner-hidden"} muted playsInline aria-label={t("checkin.cameraView")} />
      {state === "scanning" ? (
        <button type="button" className="button" onClick={() => stopRef.current()}>
          {t("checkin.stopCamera")}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => void start()}>
          {t("checkin.startCamera")}
        </button>
      )}
      {state === "failed" ? <p className="field-error">{t("checkin.cameraFailed")}</p> : null}
    </div>
  );
}
