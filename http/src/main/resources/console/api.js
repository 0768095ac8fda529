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
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
  };
}
