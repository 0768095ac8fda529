// Calls to the node's API with the user's token. Every failure becomes an ApiError the page can
// put in words: never a blank screen.
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || String(status));
    this.status = status;      // 0: the node did not answer
    this.code = body && body.error;
    this.body = body || {};
  }
}

export function client(tokenOf, onUnauthenticated) {
  async function call(method, path, body) {
    const headers = { Authorization: 'Bearer ' + tokenOf() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, null);
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated();
      throw new ApiError(response.status, json);
    }
    return json;
  }
  /**
   * Reads a text/event-stream with fetch(), since EventSource cannot send the Authorization header:
   * calls onEvent({type, id, data}) per event until the server ends the stream (resolves) or it
   * fails or signal aborts (rejects).
   */
  async function stream(path, lastEventId, onEvent, signal) {
    const headers = { Authorization: 'Bearer ' + tokenOf(), Accept: 'text/event-stream' };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    let response;
    try {
      response = await fetch(path, { headers, signal, cache: 'no-store' });
    } catch (e) {
      throw signal && signal.aborted ? e : new ApiError(0, null);
    }
    if (!response.ok) {
      let json = null;
      try {
        json = await response.json();
      } catch (e) {
        json = null;
      }
      if (response.status === 401) onUnauthenticated();
      throw new ApiError(response.status, json);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { type: 'message', id: null, data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          // An empty data buffer (the server's heartbeat) is no event, as in EventSource.
          if (event.data.join('') !== '') onEvent({ type: event.type, id: event.id, data: event.data.join('\n') });
          event = { type: 'message', id: null, data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') event.data.push(text);
          else if (field === 'event') event.type = text;
          else if (field === 'id') event.id = text;
        }
      }
    }
  }
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
    stream,
  };
}
