// Small browser helpers for the board page (everything else is C#).
window.climaborough = {
  // Where an element is on screen, to turn pointer positions into canvas positions.
  rect: (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; },
  // Asks before leaving the page while changes wait for the server.
  setLeaveGuard: (on) => { window.onbeforeunload = on ? (e) => { e.preventDefault(); e.returnValue = ""; return ""; } : null; },
  focus: (el) => { if (el) { el.focus(); } },
  // Saves text the app fetched (with the user's credentials) as a file.
  download: (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
};

// Enter (without Shift) saves a note instead of typing a line break; Shift+Enter still breaks the line.
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && e.target instanceof HTMLTextAreaElement && e.target.closest(".note-editor")) {
    e.preventDefault();
  }
}, true);
