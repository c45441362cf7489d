"""Keyset (cursor) pagination for every list: the cost of a page does not grow with the table."""

from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """`?cursor=` pages of `page_size` (default 50, at most 200), newest first unless `ordering` says otherwise."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
