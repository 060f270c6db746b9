import streamlit as st

from ui import frame

ctx = frame.page("使用说明")
st.caption("每月按这个顺序做一遍；点击页面名称即可前往。")
# (step, what to do, the page that does it, its url path)
STEPS = (
    ("1. 每月上传", "每月把名册、发放明细等表格上传，看板自动识别表头、村(居)、类别和月份，先出校验报告再写入。",
     "pages/upload.py", "upload"),
    ("2. 查数据完整性", "看哪个村(居)哪类数据未报、迟报；缺少数据的规则不出疑点，不等于没有问题。",
     "pages/completeness.py", "completeness"),
    ("3. 看疑点", "总览看全镇，疑点清单按类型、村(居)筛选；每条规则查什么、依据哪条整治重点，见规则说明。",
     "pages/findings_list.py", "findings_list"),
    ("4. 入户核实", "疑点是线索：在对象档案中查人（姓名、身份证号后 4–6 位、低保证号），核实后登记属实或不属实。",
     "pages/person.py", "person"),
    ("5. 记入台账", "属实的问题在问题台账中登记整改措施、时限和佐证，整改完成后销号。",
     "pages/ledger.py", "ledger"),
    ("6. 会议材料", "开会前在总览的“会议材料”中生成工作簿和简报；图表右上角“下载图片”可放进幻灯片。",
     "pages/overview.py", "overview"),
)
for step, what, script, url in STEPS:
    left, right = st.columns([1, 4], vertical_alignment="center")
    if ctx.scope.may_see(url):
        left.page_link(script, label=step)
    else:
        left.markdown(step)
    right.markdown(what)
st.page_link("pages/rules.py", label="规则说明：每条疑点规则查什么、依据什么", icon=":material/help:")
