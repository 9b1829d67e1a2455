// One file as a POST body with upload progress (XMLHttpRequest reports upload progress; fetch does not), shared by
// board images and attachments. Answers the status (0: no answer, the network is down) and the response body;
// onPercent is called once for each whole per cent reached.
export function postFile(file, url, token, onPercent) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (token) { xhr.setRequestHeader("Authorization", "Bearer " + token); }
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    let last = -1;
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable || e.total === 0) { return; }
      const percent = Math.min(100, Math.floor(e.loaded * 100 / e.total));
      if (percent !== last) { last = percent; onPercent(percent); }
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText || "" });
    xhr.onerror = () => resolve({ status: 0, body: "" });
    xhr.onabort = () => resolve({ status: 0, body: "" });
    xhr.send(file);
  });
}
