"""The JSON contract of DESIGN.md §3.2 as pydantic models, for the OpenAPI schema
of `POST /api/review`. Extra keys are allowed, as the contract allows them."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class CitationOut(_Open):
    text: str
    title: Optional[str] = None
    article: Optional[str] = None
    resolved: Optional[str] = None
    status: str = Field(description="in_force | amended | repealed | not_yet_effective | unverified")


class DocumentOut(_Open):
    title: Optional[str]
    measure_title: Optional[str] = None
    issuer: Optional[str]
    doc_number: Optional[str]
    date: Optional[str] = Field(description="ISO date the document was signed or issued")
    effective_date: Optional[str]
    valid_until: Optional[str]
    is_normative: bool
    citations: list[CitationOut]


class FindingOut(_Open):
    rule: str
    category: str = Field(description="one of the categories of DOMAIN.md §9")
    severity: Literal["error", "warning", "info"]
    text: str
    start: int = Field(description="character offset into the extracted text")
    end: int
    provision: Optional[str]
    basis: str
    explanation: str
    suggestion: str
    message: str = ""


class CleanupOut(_Open):
    category: Literal["remain", "modify", "abolish", "void"]
    reasons: list[str]
    conclusion: str = Field("", description="审核结论：合法、修改后合法或不合法（与清理意见出自同一判断）")


class ReviewResult(_Open):
    file: str
    document: DocumentOut
    findings: list[FindingOut]
    cleanup: CleanupOut


class ErrorDetail(BaseModel):
    code: str = Field(description="stable English code, e.g. too_large, corrupt_docx, unsupported_format")
    reason: str = Field(description="one Chinese sentence for the reviewer")


class ErrorBody(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "请求格式不正确"),
        (401, "未登录或令牌无效"),
        (413, "文件超过上传上限"),
        (415, "不支持的文件类型"),
        (422, "文件无法读取（损坏、加密、扫描件、空文件等）"),
    )
}

REQUEST_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "docx, PDF, HTML or text; the type is sniffed from the content",
                    },
                    "as_of": {"type": "string", "format": "date", "description": "review as of this date"},
                },
            }
        },
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string", "description": "the document's text"},
                    "name": {"type": "string", "description": "a name for the text, echoed as `file`"},
                    "as_of": {"type": "string", "format": "date"},
                },
            }
        },
    },
}
