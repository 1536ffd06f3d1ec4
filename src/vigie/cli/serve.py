"""``vigie serve`` (the web workspace over the store) and ``vigie token`` (the API tokens it
requires when it listens beyond loopback)."""

from __future__ import annotations

import argparse
import ipaddress
import secrets

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("serve", parents=[parent], help="the web workspace: HTML pages and their JSON twins")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; any other address requires API tokens)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--require-token", action="store_true", help="require a token even on loopback")
    p.set_defaults(run=run_serve)

    p = sub.add_parser("token", parents=[parent], help="API tokens for `vigie serve` beyond localhost")
    what = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = what.add_parser("create", parents=[parent], help="create a token; it is shown once, only its hash is kept")
    c.add_argument("name", help="who or what the token is for")
    c.set_defaults(run=run_token_create)
    ls = what.add_parser("list", parents=[parent], help="tokens: name, dates, revoked or not (never the token)")
    ls.set_defaults(run=run_token_list)
    r = what.add_parser("revoke", parents=[parent], help="revoke tokens by id or name")
    r.add_argument("token", help="id or name")
    r.set_defaults(run=run_token_revoke)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may be reachable from elsewhere


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from vigie.store import default_db_path, open_store
    from vigie.web.app import create_app

    if not 0 < args.port < 65536:
        error(str(args.port), "not a TCP port")
        return EXIT_USAGE
    db = args.db or default_db_path()
    require = args.require_token or not is_loopback(args.host)
    store = open_store(db)  # migrate now, before serving
    try:
        tokens = [t for t in store.list_api_tokens() if not t["revoked_at"]]
    finally:
        store.close()
    if require and not tokens:
        error(args.host, "listening beyond loopback requires an API token: create one with `vigie token create NAME`")
        return EXIT_FAILURE
    print(f"vigie: serving {db} on http://{args.host}:{args.port}/" + (" (token required)" if require else ""))
    uvicorn.run(create_app(db, require_token=require), host=args.host, port=args.port, log_level="warning",
                server_header=False)
    return EXIT_OK


def run_token_create(args: argparse.Namespace) -> int:
    from vigie.store import open_store
    from vigie.web.app import token_hash

    name = args.name.strip()
    if not name:
        error("token", "a name is required")
        return EXIT_USAGE
    token = "vg_" + secrets.token_urlsafe(32)
    store = open_store(args.db)
    try:
        token_id = store.add_api_token(name, token_hash(token))
    finally:
        store.close()
    if args.json:
        print_json({"id": token_id, "name": name, "token": token})
    else:
        print(token)
        print(f"(token {token_id} '{name}': shown once; only its hash is stored)")
    return EXIT_OK


def run_token_list(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    store = open_store(args.db)
    try:
        tokens = store.list_api_tokens()
    finally:
        store.close()
    if args.json:
        print_json({"tokens": tokens})
        return EXIT_OK
    for t in tokens:
        state = f"revoked {t['revoked_at']}" if t["revoked_at"] else f"last used {t['last_used'] or 'never'}"
        print(f"{t['id']:4}  {t['name']:24} created {t['created_at']}  {state}")
    if not tokens:
        print("no token")
    return EXIT_OK


def run_token_revoke(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    store = open_store(args.db)
    try:
        n = store.revoke_api_token(args.token)
    finally:
        store.close()
    if n == 0:
        error(args.token, "no such active token")
        return EXIT_FAILURE
    print(f"{n} token(s) revoked")
    return EXIT_OK
