# nbgrader's settings for the netlessons course: the instructor notebooks are the
# lessons (notebooks/NN-*.ipynb), the student copies are what `generate_assignment`
# makes of them (notebooks/tools/assignments.py, and the classroom hub's course).
c = get_config()  # noqa: F821 - nbgrader's config loader provides it

# nbgrader knows no stub for Rust: a solution region becomes a comment and
# `todo!()`, which compiles in any function body and, when reached, is what the
# check cells report as "not written yet".
c.ClearSolutions.code_stub = {
    "rust": "// 여기에 코드를 쓰세요\ntodo!()",
    "python": "# 여기에 코드를 쓰세요\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "여기에 답을 쓰세요"
