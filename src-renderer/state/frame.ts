// One callback per animation frame, whatever the number of requests in between. Falls back to a
// timer where frames never come (node tests, a hidden window).
export function frameScheduler(run: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    const fire = () => {
      if (!scheduled) return;
      scheduled = false;
      run();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(fire);
    // A hidden window gets no frames; do not let a change wait for the user to look.
    setTimeout(fire, 100);
  };
}
