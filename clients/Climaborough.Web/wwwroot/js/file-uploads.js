import { postFile } from "./upload-request.js";

// Attachments: the browser's side of picking files, dropping them onto a field, or pasting them into it, and of
// uploading them with progress (XMLHttpRequest reports upload progress; fetch does not). The File objects stay in this
// tab's memory under a key until uploaded or forgotten; the app decides what to upload and says why it refuses.
const files = new Map();
let next = 1;

function hand(dotnet, list) {
  const picks = [];
  for (const file of list) {
    const key = "file" + (next++);
    files.set(key, file);
    picks.push({ key, name: file.name || "pasted.png", size: file.size, type: file.type || "" });
  }
  if (picks.length > 0) {
    dotnet.invokeMethodAsync("OnFilesPicked", picks);
  }
}

// Listens for files picked in the input, and dropped onto or pasted into the target (the post's text field):
// text pasted or dropped there stays the browser's business.
export function attach(input, targetSelector, dotnet) {
  const target = targetSelector ? document.querySelector(targetSelector) : null;
  const onChange = () => { hand(dotnet, [...input.files]); input.value = ""; };
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");
  const onDragOver = (e) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; } };
  const onDrop = (e) => {
    if (e.dataTransfer && e.dataTransfer.files.length > 0) { e.preventDefault(); hand(dotnet, [...e.dataTransfer.files]); }
  };
  const onPaste = (e) => {
    const pasted = e.clipboardData ? [...e.clipboardData.files] : [];
    if (pasted.length > 0) { e.preventDefault(); hand(dotnet, pasted); }
  };
  input.addEventListener("change", onChange);
  target?.addEventListener("dragover", onDragOver);
  target?.addEventListener("drop", onDrop);
  target?.addEventListener("paste", onPaste);
  return {
    detach: () => {
      input.removeEventListener("change", onChange);
      target?.removeEventListener("dragover", onDragOver);
      target?.removeEventListener("drop", onDrop);
      target?.removeEventListener("paste", onPaste);
    },
  };
}

export function pick(input) { input.click(); }

export function forget(key) { files.delete(key); }

// Uploads a kept file as the request body; answers the status (0: no answer, -1: the file is gone) and the body.
export async function upload(key, url, token, dotnet) {
  const file = files.get(key);
  if (!file) { return { status: -1, body: "" }; }
  try {
    return await postFile(file, url, token, (percent) => dotnet.invokeMethodAsync("OnUploadProgress", key, percent));
  } finally {
    files.delete(key);
  }
}
