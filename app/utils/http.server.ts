// Expected failures as responses with a status and a Chinese message.

/** A miss, or an object outside the user's scope: 404 either way, so existence never leaks. */
export function notFound(message = "页面不存在或您无权访问"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest(message = "请求无效"): never {
  throw new Response(message, { status: 400, statusText: "Bad Request" });
}
