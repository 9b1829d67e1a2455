import { postFile } from "./upload-request.js";

// Images onto a board: the browser's side of picking, dropping and pasting image files, and uploading them with
// progress (XMLHttpRequest reports upload progress; fetch does not). The bytes stay in this tab's memory (the File
// objects) until the upload succeeded or the app forgets them; the app decides what to upload, when, and the limits.
const files = new Map();
let next = 1;

function hand(dotnet, list, x, y) {
  const picks = [];
  for (const file of list) {
    const key = "img" + (next++);
    files.set(key, file);
    picks.push({ key, name: file.name || "image.png", size: file.size, type: file.type || "" });
  }
  if (picks.length > 0) {
    dotnet.invokeMethodAsync("OnImagesPicked", picks, x, y);
  }
}

// Listens for files picked in the input, dropped on the target, or pasted anywhere on the page but in a text field.
export function attach(input, targetSelector, dotnet) {
  const target = document.querySelector(targetSelector);
  const onChange = () => { hand(dotnet, [...input.files], null, null); input.value = ""; };
  const onDragOver = (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes("Files")) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; }
  };
  const onDrop = (e) => {
    if (e.dataTransfer && e.dataTransfer.files.length > 0) { e.preventDefault(); hand(dotnet, [...e.dataTransfer.files], e.clientX, e.clientY); }
  };
  const onPaste = (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || (t instanceof HTMLElement && t.isContentEditable)) { return; }
    const pasted = e.clipboardData ? [...e.clipboardData.files] : [];
    if (pasted.length > 0) { e.preventDefault(); hand(dotnet, pasted, null, null); }
  };
  input.addEventListener("change", onChange);
  target?.addEventListener("dragover", onDragOver);
  target?.addEventListener("drop", onDrop);
  document.addEventListener("paste", onPaste);
  return {
    detach: () => {
      input.removeEventListener("change", onChange);
      target?.removeEventListener("dragover", onDragOver);
      target?.removeEventListener("drop", onDrop);
      document.removeEventListener("paste", onPaste);
    },
  };
}

export function pick(input) { input.click(); }

export function forget(key) { files.delete(key); }

// Uploads a kept file as the request body; answers the status (0: no answer, the network is down) and the body.
export async function upload(key, url, token, dotnet) {
  const file = files.get(key);
  if (!file) { return { status: -1, body: "" }; }
  const answer = await postFile(file, url, token, (percent) => dotnet.invokeMethodAsync("OnUploadProgress", key, percent));
  if (answer.status >= 200 && answer.status < 300) { files.delete(key); } // kept otherwise, for the upload after a reconnect
  return answer;
}
