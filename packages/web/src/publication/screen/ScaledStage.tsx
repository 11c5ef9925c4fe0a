// A fixed 1920×1080 stage scaled to fit the window, letterboxed on black: the big screen is laid
// out once, in pixels, and looks the same on a 4K TV, a 1366×768 kiosk PC or a browser window.
import { useLayoutEffect, useState, type ReactNode } from 'react';

export const STAGE_W = 1920;
export const STAGE_H = 1080;

export function ScaledStage({ children }: { children: ReactNode }) {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return (
    <div className="stage-viewport">
      <div className="stage" style={{ width: STAGE_W, height: STAGE_H, transform: `translate(-50%, -50%) scale(${scale})` }} data-testid="screen-stage" data-scale={scale}>
        {children}
      </div>
    </div>
  );
}
