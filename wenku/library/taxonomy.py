"""The category tree a new site starts with (slug, name, children). Staff edit it in the admin."""

TAXONOMY: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "applied",
        "应用文档",
        [
            ("work-summary", "工作总结"),
            ("plans", "计划方案"),
            ("speeches", "讲话致辞"),
            ("reports", "报告材料"),
            ("contracts", "合同协议"),
            ("resumes", "求职简历"),
        ],
    ),
    (
        "education",
        "教育",
        [
            ("preschool", "幼儿教育"),
            ("primary", "小学教育"),
            ("secondary", "中学教育"),
            ("higher-education", "高等教育"),
            ("lesson-plans", "教案课件"),
            ("exams", "试题试卷"),
        ],
    ),
    (
        "industry",
        "行业资料",
        [
            ("finance", "金融财会"),
            ("law", "法律法规"),
            ("medicine", "医药卫生"),
            ("construction", "建筑工程"),
            ("computing", "IT计算机"),
            ("agriculture", "农林牧渔"),
        ],
    ),
    (
        "academic",
        "学术论文",
        [("theses", "毕业论文"), ("papers", "期刊论文"), ("research", "研究报告")],
    ),
    (
        "templates",
        "办公模板",
        [("ppt-templates", "PPT模板"), ("spreadsheets", "表格模板"), ("forms", "公文模板")],
    ),
    ("life", "生活休闲", [("health", "健康养生"), ("travel", "旅游出行"), ("food", "美食烹饪")]),
    ("other", "其他", []),
]
