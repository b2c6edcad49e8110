"""The desk application: login, upload or paste a draft, see the findings in place,
keep or dismiss each, download the annotated copy and the opinion; and the JSON
API `POST /api/review` for filing platforms.

Safety: every page needs a session (or the API a bearer token); every form carries
the session's CSRF token; request bodies over the limit get 413 before they are
read in full; uploads are sniffed by reviewer.ingest and stored under a random
server-chosen name; document text reaches the page only through Jinja2's
autoescaping; the Content-Security-Policy allows only the desk's own static files.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import re
import secrets
from collections import OrderedDict
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from .. import __version__
from ..cleanup import CATEGORY_NAMES, verdict_of
from ..profile import default_as_of
from ..ingest import sniff
from ..model import Finding, Review
from ..own_findings import RULE as OWN_RULE, WORDING_FIELDS, OwnFindingError, own_finding, reworded, wording_changes
from ..outputs import review_to_json
from ..outputs.annotated_docx import SEVERITY_NAMES, annotated_docx_bytes
from ..outputs.officedoc import xml_text
from ..outputs.opinion_docx import Signature, opinion_docx_bytes
from ..limits import from_profile as limits_of
from ..review import load_profile
from . import auth
from .api_models import ERROR_RESPONSES, REQUEST_BODY, ReviewResult
from .db import SESSION_MAX_AGE, DeskDB
from .limits import BodyLimit, SecurityHeaders
from .register_hook import RegisterHook
from .register_pages import add_register_pages
from .workers import (
    DEFAULT_SECONDS,
    DEFAULT_WORKERS,
    Busy,
    JobRefused,
    TimedOut,
    WorkerPool,
    in_hash_thread,
    review_job,
)

log = logging.getLogger("reviewer.web")

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
CLEANUP_NAMES = {"remain": "继续有效", "modify": "修改", "abolish": "废止", "void": "宣布失效"}
DECISION_NAMES = {"keep": "采纳", "dismiss": "不采纳"}
_STATUS_FOR_CODE = {"unsupported_format": 415, "legacy_doc": 415, "encoding": 415, "too_large": 413}
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_TEXT_CHARS = 2_000_000


class Desk:
    """What the routes share: settings, the database and a small cache of reviews."""

    def __init__(
        self,
        data_dir: Path,
        max_upload: int,
        profile: Optional[str],
        register: Optional[str],
        workers: int = DEFAULT_WORKERS,
        review_seconds: float = DEFAULT_SECONDS,
    ):
        self.data = Path(data_dir)
        self.uploads = self.data / "uploads"
        self.uploads.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.uploads, 0o700)  # drafts not yet published: owner only
        self.db = DeskDB(self.data / "desk.sqlite")
        self.max_upload = max_upload
        self.profile_name = profile
        self.profile = load_profile(profile)
        # The time one review may take at the desk: the desk's limit, or the profile's if shorter.
        profile_seconds = limits_of(self.profile).seconds_per_document
        self.review_seconds = (
            min(s for s in (review_seconds, profile_seconds) if s > 0)
            if review_seconds > 0 or profile_seconds > 0
            else 0
        )
        self.pool = WorkerPool(workers, self.review_seconds)
        self.throttle = auth.LoginThrottle()
        self.register = RegisterHook(register)
        self._cache: "OrderedDict[str, Review]" = OrderedDict()

    def store(self, data: bytes) -> str:
        rid = secrets.token_urlsafe(18)
        path = self.uploads / f"{rid}.bin"  # never a name the user chose
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return rid

    def remember(self, rid: str, review: Review) -> None:
        self._cache[rid] = review
        self._cache.move_to_end(rid)
        while len(self._cache) > 32:
            self._cache.popitem(last=False)

    async def review(self, rid: str, name: str, as_of: str) -> Review:
        """The stored upload's review, from the cache or re-run in a worker."""
        cached = self._cache.get(rid)
        if cached is not None:
            self._cache.move_to_end(rid)
            return cached
        data = (self.uploads / f"{rid}.bin").read_bytes()
        review = await self.run_review(data, name, as_of)
        self.remember(rid, review)
        return review

    async def run_review(self, data: bytes, name: str, as_of: str) -> Review:
        """review_bytes in a worker process. Raises UploadRefused."""
        try:
            return await self.pool.run(review_job, data, name, as_of, self.profile_name)
        except JobRefused as exc:
            if exc.is_ingest:
                raise UploadRefused(_STATUS_FOR_CODE.get(exc.code, 422), exc.code, exc.reason) from None
            raise UploadRefused(422, "unreadable", exc.reason) from None
        except (Busy, TimedOut) as exc:
            raise _unavailable(exc) from None

    async def build(self, fn, *args) -> bytes:
        """A Word file built in a worker process. Raises UploadRefused."""
        try:
            return await self.pool.run(fn, *args)
        except JobRefused as exc:
            raise UploadRefused(422, exc.code, exc.reason) from None
        except (Busy, TimedOut) as exc:
            raise _unavailable(exc) from None

    def source(self, rid: str) -> bytes:
        return (self.uploads / f"{rid}.bin").read_bytes()


def create_app(
    data_dir,
    *,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    profile: Optional[str] = None,
    register: Optional[str] = None,
    secure_cookies: bool = False,
    workers: Optional[int] = None,
    review_seconds: Optional[float] = None,
) -> FastAPI:
    """The desk over DATA_DIR (created if missing). `register`: filing-register
    database to record decisions in, for reviews linked to a filing. `workers`: review
    processes (default $REVIEWER_DESK_WORKERS or 2); `review_seconds`: time limit of one
    review or Word file (default $REVIEWER_DESK_TIMEOUT or 60; 0: none)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if workers is None:
        workers = int(os.environ.get("REVIEWER_DESK_WORKERS") or DEFAULT_WORKERS)
    if review_seconds is None:
        review_seconds = float(os.environ.get("REVIEWER_DESK_TIMEOUT") or DEFAULT_SECONDS)
    desk = Desk(data_dir, max_upload, profile, register, workers, review_seconds)
    app = FastAPI(
        title="reviewer desk",
        version=__version__,
        description="行政规范性文件合法性审核工作台：审查接口返回 DESIGN.md §3 规定的 JSON。",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(desk),
    )
    app.state.desk = desk
    secret = auth.load_secret(data_dir)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="reviewer_session",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    # Outermost: refuse oversized bodies before anything reads them.
    app.add_middleware(BodyLimit, max_bytes=max_upload + 256 * 1024)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        category_names=CATEGORY_NAMES,
        severity_names=SEVERITY_NAMES,
        decision_names=DECISION_NAMES,
        cleanup_names=CLEANUP_NAMES,
        version=__version__,
        register_enabled=desk.register.enabled,
    )

    def user_of(request: Request) -> Optional[str]:
        return _session_user(request, desk)

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        context.update(
            user=user_of(request),
            csrf=auth.csrf_token(request.session),
            max_upload_mb=max(1, desk.max_upload // (1024 * 1024)),
        )
        return templates.TemplateResponse(request, template, context, status_code=status)

    def to_login() -> RedirectResponse:
        return RedirectResponse("/login", status_code=303)

    async def form_with_csrf(request: Request):
        form = await request.form(max_files=1, max_fields=30)
        if not auth.csrf_ok(request.session, form.get("csrf")):
            return form, False
        return form, True

    def forbidden(request: Request) -> HTMLResponse:
        return page(request, "error.html", 403, message="表单已过期或来源不明，请刷新页面后重试。")

    # ------------------------------------------------------------------ login
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    async def login_form(request: Request):
        return page(request, "login.html")

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form, ok = await form_with_csrf(request)
        if not ok:
            return forbidden(request)
        name = str(form.get("name") or "").strip()[:100]
        password = str(form.get("password") or "")
        addr = request.client.host if request.client else "-"
        device = auth.device_token(secret, name, request.cookies.get(auth.DEVICE_COOKIE))
        wait = desk.throttle.retry_after(name, addr, device)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            response = page(
                request,
                "login.html",
                429,
                name=name,
                error=f"登录失败次数较多，为防止猜测密码，请 {seconds} 秒后再试。",
            )
            response.headers["Retry-After"] = str(seconds)
            return response
        if not await in_hash_thread(auth.check_password, desk.db.password_hash(name), password):
            desk.throttle.failed(name, addr, device)
            log.info("login failed for %r from %s", name, addr)
            return page(request, "login.html", 401, error="用户名或密码不正确。", name=name)
        desk.throttle.succeeded(name, addr, device)
        request.session.clear()  # a fresh session (and CSRF token) after login
        request.session["sid"] = desk.db.new_session(name)  # the cookie carries only the id
        auth.csrf_token(request.session)
        response = RedirectResponse("/", status_code=303)
        # This browser has logged in as NAME: others' failed guesses at the name do not slow it.
        response.set_cookie(
            auth.DEVICE_COOKIE,
            auth.device_cookie(secret, name),
            max_age=auth.DEVICE_MAX_AGE,
            httponly=True,
            samesite="strict",
            secure=secure_cookies,
            path="/login",
        )
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request):
        form, ok = await form_with_csrf(request)
        if ok:
            desk.db.end_session(request.session.get("sid"))  # an old copy of the cookie is refused too
            request.session.clear()
        return to_login()

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request):
        user = user_of(request)
        if not user:
            return to_login()
        return page(request, "index.html", reviews=desk.db.reviews(user))

    @app.post("/reviews", include_in_schema=False)
    async def upload(request: Request):
        user = user_of(request)
        if not user:
            return to_login()
        form, ok = await form_with_csrf(request)
        if not ok:
            return forbidden(request)
        upload_file = form.get("file")
        text = str(form.get("text") or "")
        filing = str(form.get("filing_id") or "").strip()
        filing_id = int(filing) if filing.isdigit() else None

        def refuse(status: int, message: str):
            return page(request, "index.html", status, error=message, reviews=desk.db.reviews(user))

        if filing and filing_id is None:
            return refuse(400, "备案登记号应为数字。")
        if upload_file is not None and getattr(upload_file, "filename", None):
            data = await upload_file.read(desk.max_upload + 1)
            name = _display_name(upload_file.filename)
        elif text.strip():
            if len(text) > MAX_TEXT_CHARS:
                return refuse(413, "粘贴的文字过长，请改为上传文件。")
            data, name = text.encode("utf-8"), "粘贴的文字.txt"
        else:
            return refuse(400, "请选择要审查的文件，或粘贴文件文字。")
        try:
            review, rid, as_of = await _review_upload(desk, data, name)
        except UploadRefused as exc:
            return refuse(exc.status, exc.reason)
        desk.db.add_review(
            rid,
            user,
            name,
            as_of,
            review.document.measure_title or review.document.title,
            len(review.findings),
            filing_id,
        )
        return RedirectResponse(f"/reviews/{rid}", status_code=303)

    async def load(request: Request, rid: str):
        user = user_of(request)
        if not user:
            return None, None, to_login()
        row = desk.db.review(rid, user) if _ID_RE.match(rid) else None
        if row is None:
            return None, None, page(request, "error.html", 404, message="找不到这份审查记录。")
        try:
            review = await desk.review(rid, row["name"], row["as_of"])
        except UploadRefused as exc:
            status = exc.status if exc.status == 503 else 410
            message = exc.reason if exc.status == 503 else f"原文件无法重新审查：{exc.reason}"
            return None, None, page(request, "error.html", status, message=message)
        except OSError:
            return None, None, page(request, "error.html", 410, message="原文件已不在服务器上，无法重新显示。")
        return row, review, None

    def worded(rid: str, review: Review) -> list:
        """The tool's findings with the reviewer's wording where edited, then the reviewer's own."""
        wordings = desk.db.wordings(rid)
        tool = [reworded(f, wordings.get(i)) for i, f in enumerate(review.findings)]
        return tool + [_own_as_finding(r) for r in desk.db.own(rid)]

    def render_review(request: Request, row, review: Review, status: int = 200, **extra):
        rid = row["id"]
        decisions = desk.db.decisions(rid)
        findings = worded(rid, review)
        n_tool = len(review.findings)
        groups: dict[str, list] = {}
        for i, f in enumerate(findings[:n_tool]):
            groups.setdefault(f.category, []).append((i, f, decisions.get(i)))
        own = [(n_tool + k, f, r) for k, (f, r) in enumerate(zip(findings[n_tool:], desk.db.own(rid)))]
        dismissed = {i for i, d in decisions.items() if d["decision"] == "dismiss"}
        verdict = verdict_of(review, [f for i, f in enumerate(findings) if i not in dismissed])
        return page(
            request,
            "review.html",
            status,
            row=row,
            review=review,
            doc=review.document,
            verdict=verdict,
            segments=highlight_segments(review.document.text, findings, dismissed),
            groups=groups,
            own=own,
            decisions=decisions,
            kept=len(findings) - len(dismissed),
            n_tool=n_tool,
            categories=CATEGORY_NAMES,
            severities=SEVERITY_NAMES,
            today=date.today().isoformat(),
            notice=request.query_params.get("notice"),
            **extra,
        )

    @app.get("/reviews/{rid}", response_class=HTMLResponse, include_in_schema=False)
    async def show_review(request: Request, rid: str):
        row, review, err = await load(request, rid)
        if err:
            return err
        # A page of thousands of findings takes a second to render: in a thread, so that
        # the event loop gets its turns (the GIL is handed over every few milliseconds).
        return await asyncio.to_thread(render_review, request, row, review)

    @app.post("/reviews/{rid}/findings/{n}", include_in_schema=False)
    async def decide(request: Request, rid: str, n: int):
        row, review, err = await load(request, rid)
        if err:
            return err
        form, ok = await form_with_csrf(request)
        if not ok:
            return forbidden(request)
        decision = str(form.get("decision") or "")
        if decision not in DECISION_NAMES or not 0 <= n < len(review.findings):
            return page(request, "error.html", 400, message="处理意见无效。")
        note = xml_text(str(form.get("note") or "")).strip()[:2000]  # Word's \x0b becomes a line break
        finding = review.findings[n]
        # The wording fields come with the card's form; what differs from the tool's is the reviewer's.
        wording = (
            wording_changes(finding, {k: str(form.get(k) or "") for k in WORDING_FIELDS})
            if any(k in form for k in WORDING_FIELDS)
            else None
        )
        desk.db.decide(rid, n, finding.rule, decision, note, row["owner"], wording)
        notice = desk.register.record(row["filing_id"], n, finding, decision, note, row["owner"], wording)
        target = f"/reviews/{rid}" + (f"?notice={quote(notice)}" if notice else "") + f"#card-{n + 1}"
        return RedirectResponse(target, status_code=303)

    @app.post("/reviews/{rid}/own", include_in_schema=False)
    async def add_own(request: Request, rid: str):
        row, review, err = await load(request, rid)
        if err:
            return err
        form, ok = await form_with_csrf(request)
        if not ok:
            return forbidden(request)
        fields = {
            k: str(form.get(k) or "")[:4000] for k in ("provision", "quote", "category", "severity", *WORDING_FIELDS)
        }
        try:
            finding = own_finding(
                review.document,
                category=fields["category"],
                severity=fields["severity"] or "error",
                provision=fields["provision"][:100] or None,
                quote=fields["quote"] or None,
                explanation=fields["explanation"],
                basis=fields["basis"],
                suggestion=fields["suggestion"],
                message=fields["message"],
            )
        except OwnFindingError as exc:
            return render_review(request, row, review, 400, own_error=str(exc), own_form=fields)
        own_id = desk.db.add_own(rid, finding, row["owner"])
        no, notice = desk.register.add_own(row["filing_id"], finding, row["owner"])
        if no is not None:
            desk.db.set_own_register_no(own_id, no)
        n = len(review.findings) + len(desk.db.own(rid))
        target = f"/reviews/{rid}" + (f"?notice={quote(notice)}" if notice else "") + f"#card-{n}"
        return RedirectResponse(target, status_code=303)

    @app.post("/reviews/{rid}/own/{own_id}/delete", include_in_schema=False)
    async def remove_own(request: Request, rid: str, own_id: int):
        row, review, err = await load(request, rid)
        if err:
            return err
        form, ok = await form_with_csrf(request)
        if not ok:
            return forbidden(request)
        removed = desk.db.remove_own(rid, own_id)
        if removed is None:
            return page(request, "error.html", 404, message="找不到这一项补充问题。")
        notice = desk.register.remove_own(row["filing_id"], removed["register_no"])
        return RedirectResponse(
            f"/reviews/{rid}" + (f"?notice={quote(notice)}" if notice else "") + "#own", status_code=303
        )

    def kept_of(rid: str, review: Review):
        """The findings kept — the tool's not dismissed, in the reviewer's wording, and the
        reviewer's own — in the order of the text, with the notes by position."""
        decisions = desk.db.decisions(rid)
        rows = []
        for i, f in enumerate(worded(rid, review)):
            d = decisions.get(i)
            if d is not None and d["decision"] == "dismiss":
                continue
            rows.append((f, d["note"] if d is not None else ""))
        rows.sort(key=lambda fn: fn[0].start)
        return [f for f, _ in rows], {k: note for k, (_, note) in enumerate(rows) if note}

    @app.get("/reviews/{rid}/annotated.docx", include_in_schema=False)
    async def annotated(request: Request, rid: str):
        row, review, err = await load(request, rid)
        if err:
            return err
        kept, notes = kept_of(rid, review)
        try:
            data = await desk.build(_annotated, review, desk.source(rid), kept, notes)
        except UploadRefused as exc:
            return page(request, "error.html", exc.status, message=exc.reason)
        return _docx_response(data, f"{Path(row['name']).stem}-审核批注.docx")

    @app.get("/reviews/{rid}/opinion.docx", include_in_schema=False)
    async def opinion(request: Request, rid: str):
        row, review, err = await load(request, rid)
        if err:
            return err
        q = request.query_params
        signed = q.get("date") or date.today().isoformat()
        try:
            date.fromisoformat(signed)
        except ValueError:
            return page(request, "error.html", 400, message="日期格式应为 YYYY-MM-DD。")
        kept, notes = kept_of(rid, review)
        signature = Signature(
            org=xml_text(q.get("org", ""))[:100], reviewer=xml_text(q.get("reviewer", ""))[:50], date=signed
        )
        try:
            data = await desk.build(_opinion, review, kept, notes, signature)
        except UploadRefused as exc:
            return page(request, "error.html", exc.status, message=exc.reason)
        return _docx_response(data, f"{Path(row['name']).stem}-合法性审核意见.docx")

    # ------------------------------------------------------------------ register
    # /register, /register/{id}, /report, /report/download (404 without --register).
    add_register_pages(app, desk, page=page, user_of=user_of, to_login=to_login)

    # ------------------------------------------------------------------ API
    @app.post(
        "/api/review",
        response_model=ReviewResult,
        responses=ERROR_RESPONSES,
        openapi_extra={"requestBody": REQUEST_BODY},
        tags=["review"],
        summary="审查一份文件，返回 JSON 结果",
    )
    async def api_review(request: Request):
        """Review an uploaded file (multipart field `file`) or plain text (JSON
        `{"text": "…"}`). Authenticate with `Authorization: Bearer TOKEN` (from
        `reviewer users token NAME`) or a desk session plus header `X-CSRF-Token`."""
        user = _api_user(request, desk)
        if user is None:
            return _api_error(
                401,
                "unauthorized",
                "需要登录或提供有效的访问令牌（Authorization: Bearer …）",
                headers={"WWW-Authenticate": "Bearer"},
            )
        ctype = request.headers.get("content-type", "")
        as_of = None
        if ctype.startswith("multipart/form-data"):
            form = await request.form(max_files=1, max_fields=10)
            upload_file = form.get("file")
            if upload_file is None or not hasattr(upload_file, "read"):
                return _api_error(400, "bad_request", "请在 file 字段上传文件")
            data = await upload_file.read(desk.max_upload + 1)
            name = _display_name(upload_file.filename or "upload")
            as_of = form.get("as_of")
        elif ctype.startswith("application/json"):
            try:
                payload = await request.json()
            except (ValueError, RecursionError):  # RecursionError: [[[[… nested past the parser's depth
                return _api_error(400, "bad_request", "请求体不是有效的 JSON")
            if not isinstance(payload, dict) or not isinstance(payload.get("text"), str) or not payload["text"].strip():
                return _api_error(400, "bad_request", 'JSON 请求体应为 {"text": "文件文字"}')
            data = payload["text"].encode("utf-8")
            name = _display_name(str(payload.get("name") or "-"))
            as_of = payload.get("as_of")
        else:
            return _api_error(
                415, "unsupported_media_type", "请用 multipart/form-data 上传文件，或用 application/json 提交文字"
            )
        if as_of is not None:
            try:
                as_of = date.fromisoformat(str(as_of)).isoformat()
            except ValueError:
                return _api_error(400, "bad_request", "as_of 应为 YYYY-MM-DD 格式的日期")
        try:
            review, _, _ = await _review_upload(desk, data, name, as_of=as_of, keep=False)
        except UploadRefused as exc:
            return _api_error(exc.status, exc.code, exc.reason, headers=exc.headers)
        return JSONResponse(review_to_json(review))

    @app.get("/healthz", include_in_schema=False)
    async def healthz():
        return {"status": "ok"}

    return app


# ---------------------------------------------------------------------- helpers


def _lifespan(desk: Desk):
    @asynccontextmanager
    async def lifespan(app):
        warming = asyncio.create_task(desk.pool.warm(desk.profile_name))  # workers ready before the first upload
        try:
            yield
        finally:
            warming.cancel()

    return lifespan


class UploadRefused(Exception):
    def __init__(self, status: int, code: str, reason: str, headers: Optional[dict] = None):
        super().__init__(reason)
        self.status, self.code, self.reason, self.headers = status, code, reason, headers


def _unavailable(exc: Exception) -> UploadRefused:
    """503 for a review that ran out of time or found no free worker."""
    if isinstance(exc, TimedOut):
        return UploadRefused(
            503,
            "timeout",
            f"审查超过 {exc.seconds:g} 秒的时间上限，已停止。文件可能过大或异常，"
            "请检查或拆分后再上传；其他审查不受影响。",
            {"Retry-After": "60"},
        )
    return UploadRefused(503, "busy", "工作台正忙（其他审查正在进行），请稍后再试。", {"Retry-After": "10"})


def _annotated(review, source, kept, notes) -> bytes:
    return annotated_docx_bytes(review, source=source, findings=kept, notes=notes)


def _opinion(review, kept, notes, signature) -> bytes:
    return opinion_docx_bytes(review, kept=kept, notes=notes, signature=signature)


async def _review_upload(desk: Desk, data: bytes, name: str, *, as_of: Optional[str] = None, keep: bool = True):
    """Sniff, review and (for the pages) store an upload. Raises UploadRefused."""
    if len(data) > desk.max_upload:
        mb = desk.max_upload // (1024 * 1024)
        raise UploadRefused(413, "too_large", f"文件超过 {mb} MB 的上传上限")
    if not data.strip():
        raise UploadRefused(422, "empty", "文件为空，没有可审查的文字")
    kind = sniff(data)
    if kind.startswith("other:"):
        raise UploadRefused(
            415, "unsupported_format", f"这是{kind[6:]}，不是可审查的文档，请上传 .docx、PDF、HTML 或文本文件"
        )
    as_of = as_of or default_as_of()
    review = await desk.run_review(data, name, as_of)
    rid = None
    if keep:
        rid = desk.store(data)
        desk.remember(rid, review)
    return review, rid, as_of


def _own_as_finding(r) -> Finding:
    return Finding(
        rule=OWN_RULE,
        category=r["category"],
        severity=r["severity"],
        text=r["quote"],
        start=r["start"],
        end=r["end_offset"],
        provision=r["provision"],
        basis=r["basis"],
        explanation=r["explanation"],
        suggestion=r["suggestion"],
        message=r["message"],
        source="reviewer",
    )


def _api_user(request: Request, desk: Desk) -> Optional[str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return desk.db.token_user(header[7:].strip())
    name = _session_user(request, desk)
    # A session alone could be ridden by another site's form; require the CSRF header too.
    if name and auth.csrf_ok(request.session, request.headers.get("x-csrf-token")):
        return name
    return None


def _session_user(request: Request, desk: Desk) -> Optional[str]:
    """The user of the request's server-side session (looked up once per request)."""
    if not hasattr(request.state, "user"):
        request.state.user = desk.db.session_user(request.session.get("sid"))
    return request.state.user


def _api_error(status: int, code: str, reason: str, headers=None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "reason": reason}}, status_code=status, headers=headers)


def _display_name(name: str) -> str:
    """The uploaded file's own name, for display and download names only: no path,
    no control characters, bounded length."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip(" .") or "upload"
    return name[:120]


def _docx_response(data: bytes, filename: str) -> Response:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename).strip("_") or "document.docx"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )


def highlight_segments(text: str, findings, dismissed: set) -> list[dict]:
    """The text cut at every finding boundary; each piece lists the findings that
    cover it (1-based numbers), the starts that fall on it, its strongest severity,
    and whether every covering finding was dismissed. One sweep over the boundaries
    (findings open at their start, close at their end): linear in the findings and
    the pieces, not their product — a page of 3,000 findings renders in milliseconds."""
    order = {"error": 0, "warning": 1, "info": 2}
    n = len(text)
    spans = [(max(0, min(n, f.start)), max(0, min(n, f.end))) for f in findings]
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if s < e:
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
    bounds = sorted({0, n, *(a for a, _ in spans), *(b for _, b in spans)})
    active: set[int] = set()
    out = []
    for a, b in zip(bounds, bounds[1:]):
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        if a == b:
            continue
        covering = sorted(active)
        seg = {
            "text": text[a:b],
            "findings": [i + 1 for i in covering],
            "starts": [i + 1 for i in covering if spans[i][0] == a],
        }
        if covering:
            live = [i for i in covering if i not in dismissed]
            pick = live or covering
            seg["severity"] = min((findings[i].severity for i in pick), key=lambda s: order.get(s, 3))
            seg["dismissed"] = not live
        out.append(seg)
    return out
