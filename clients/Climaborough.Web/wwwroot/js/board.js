// Small browser helpers for the app (everything else is C#).
window.climaborough = {
  // Where an element is on screen, to turn pointer positions into canvas positions.
  rect: (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; },
  // Asks before leaving the page while changes wait for the server.
  setLeaveGuard: (on) => { window.onbeforeunload = on ? (e) => { e.preventDefault(); e.returnValue = ""; return ""; } : null; },
  focus: (el) => { if (el) { el.focus(); } },
  // Moves the focus to an element that is not focusable itself (a comment thread the outline opened), so it is read out.
  focusSelector: (selector) => { const el = document.querySelector(selector); if (el) { if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); } el.focus(); } },
  // Whether the window is as narrow as a phone's (the board then opens as its outline).
  isNarrow: () => window.matchMedia("(max-width: 600px)").matches,
  // A workshop's time-up cue: a short soft tone (only ever called after the person turned sound on).
  chime: () => {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    const ctx = new Ctx(); const osc = ctx.createOscillator(); const gain = ctx.createGain();
    osc.frequency.value = 880; gain.gain.setValueAtTime(0.15, ctx.currentTime); gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.8);
    osc.connect(gain); gain.connect(ctx.destination); osc.start(); osc.stop(ctx.currentTime + 0.8); osc.onended = () => ctx.close();
  },
  // Saves text the app fetched (with the user's credentials) as a file.
  download: (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  // Saves the board as SVG: the given board rectangle, without cursors, handles or other people's outlines.
  exportSvg: async (svg, name, x, y, width, height) => {
    const copy = svg.cloneNode(true);
    // Images go in as their thumbnails, embedded: the links they are shown with expire after minutes.
    for (const image of copy.querySelectorAll("image[data-thumbnail]")) {
      try {
        const answer = await fetch(image.getAttribute("data-thumbnail"), { cache: "force-cache" });
        if (!answer.ok) { throw new Error("expired"); }
        const blob = await answer.blob();
        image.setAttribute("href", await new Promise((done) => { const r = new FileReader(); r.onload = () => done(r.result); r.readAsDataURL(blob); }));
      } catch { image.removeAttribute("href"); }
      ["data-thumbnail", "data-testid", "data-variant"].forEach((a) => image.removeAttribute(a));
    }
    copy.querySelectorAll(".cursor, .handle, .band").forEach((n) => n.remove());
    copy.removeAttribute("class"); copy.removeAttribute("tabindex"); copy.removeAttribute("role"); copy.removeAttribute("aria-label"); copy.removeAttribute("aria-describedby");
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    copy.setAttribute("viewBox", `${x} ${y} ${width} ${height}`);
    copy.setAttribute("width", Math.round(width)); copy.setAttribute("height", Math.round(height));
    const viewport = copy.querySelector("g.viewport");
    if (viewport) { viewport.removeAttribute("transform"); }
    const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
    style.textContent = ".el-text{font:14px system-ui,sans-serif;fill:#1d2a24}.el-frame .el-text{font-weight:600}";
    copy.insertBefore(style, copy.firstChild);
    climaborough.download(name, "image/svg+xml", new XMLSerializer().serializeToString(copy));
  },
  // Tells the app when the device goes offline or online (it then disconnects or reconnects at once).
  watchNetwork: (dotnet) => {
    window.addEventListener("online", () => dotnet.invokeMethodAsync("OnNetworkChanged", true));
    window.addEventListener("offline", () => dotnet.invokeMethodAsync("OnNetworkChanged", false));
    return navigator.onLine;
  }
};

// Enter (without Shift) saves a note (on the canvas or in the outline) instead of typing a line break; Shift+Enter still breaks the line.
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && e.target instanceof HTMLTextAreaElement && e.target.closest(".note-editor, .board-outline")) {
    e.preventDefault();
  }
  // On the canvas, Space (pan) and the arrows (nudge) act on the board, not scroll the page.
  if (e.target instanceof SVGElement && e.target.closest(".board-canvas") && [" ", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(e.key)) {
    e.preventDefault();
  }
}, true);

// The wheel zooms the board (the app handles it); the page must not scroll as well.
document.addEventListener("wheel", (e) => {
  if (e.target instanceof Element && e.target.closest(".board-canvas")) {
    e.preventDefault();
  }
}, { passive: false, capture: true });

// Keeps the app's files so that it opens (and a board reloads) while offline; see service-worker.js.
if ("serviceWorker" in navigator && (location.protocol === "https:" || location.hostname === "localhost" || location.hostname === "127.0.0.1")) {
  navigator.serviceWorker.register("service-worker.js").catch(() => { /* the app works without it, just not offline after a reload */ });
}
