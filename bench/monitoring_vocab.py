# Sentence templates are long strings; splitting them would hide the Vietnamese text.
# ruff: noqa: E501
"""Vocabulary and sentence templates for the synthetic Vietnamese news generator.

Synthetic text written for the benchmarks: public-affairs news in the register of Vietnamese
online papers. Slots in braces are filled by ``monitoring_generator.py``:

{province} {commune} {agency} {official} {person} {num} {small} {pct} {money} {date} {month}
{year} {place} {road} {school} {hospital} {project} {company} {count} {reporter}
"""

from __future__ import annotations

SOURCES: list[tuple[str, str, str]] = [
    # (name, domain, tier)
    ("VnExpress", "vnexpress.net", "national"),
    ("Tuổi Trẻ", "tuoitre.vn", "national"),
    ("Thanh Niên", "thanhnien.vn", "national"),
    ("Dân trí", "dantri.com.vn", "national"),
    ("VietNamNet", "vietnamnet.vn", "national"),
    ("Báo Chính phủ", "baochinhphu.vn", "national"),
    ("Nhân Dân", "nhandan.vn", "national"),
    ("Lao Động", "laodong.vn", "national"),
    ("Tiền Phong", "tienphong.vn", "national"),
    ("Người Lao Động", "nld.com.vn", "national"),
    ("VOV", "vov.vn", "national"),
    ("VTV", "vtv.vn", "national"),
    ("Vietnamplus", "vietnamplus.vn", "national"),
    ("Pháp Luật TP.HCM", "plo.vn", "national"),
    ("Znews", "znews.vn", "national"),
    ("Sài Gòn Giải Phóng", "sggp.org.vn", "national"),
    ("Hà Nội Mới", "hanoimoi.vn", "provincial"),
    ("Quân đội nhân dân", "qdnd.vn", "national"),
    ("Công an nhân dân", "cand.com.vn", "national"),
    ("Kinh tế & Đô thị", "kinhtedothi.vn", "national"),
    ("Báo Đầu tư", "baodautu.vn", "national"),
    ("Báo Giao thông", "baogiaothong.vn", "national"),
    ("Sức khỏe & Đời sống", "suckhoedoisong.vn", "national"),
    ("Giáo dục & Thời đại", "giaoducthoidai.vn", "national"),
    ("Báo Quảng Ninh", "baoquangninh.vn", "provincial"),
    ("Báo Nghệ An", "baonghean.vn", "provincial"),
    ("Báo Đồng Nai", "baodongnai.com.vn", "provincial"),
    ("Báo Cần Thơ", "baocantho.com.vn", "provincial"),
    ("Báo Đà Nẵng", "baodanang.vn", "provincial"),
    ("Báo Lâm Đồng", "baolamdong.vn", "provincial"),
    ("Trang tin Nhịp sống phố", "facebook.com", "social"),
    ("Diễn đàn Người dân hỏi", "facebook.com", "social"),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Lương",
    "Cao",
    "Tạ",
    "Hà",
    "Lâm",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Minh",
    "Hữu",
    "Đức",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Thu",
    "Hoàng",
    "Xuân",
    "Anh",
    "Công",
    "Bảo",
    "Kim",
    "Mạnh",
    "Thế",
    "Phương",
    "Hồng",
    "Gia",
]
GIVEN = [
    "Anh",
    "Hùng",
    "Dũng",
    "Hương",
    "Lan",
    "Tuấn",
    "Nam",
    "Hải",
    "Hà",
    "Long",
    "Phong",
    "Thảo",
    "Trang",
    "Bình",
    "Sơn",
    "Quân",
    "Hòa",
    "Tâm",
    "Phúc",
    "Khánh",
    "Linh",
    "Mai",
    "Nga",
    "Thắng",
    "Cường",
    "Hiếu",
    "Huy",
    "Trung",
    "Vinh",
    "Yến",
    "Loan",
    "Oanh",
    "Quang",
    "Thành",
    "Lộc",
    "Tùng",
    "Việt",
    "Hạnh",
    "Nhung",
    "Hoa",
    "Đông",
    "Tú",
    "Kiên",
    "Chiến",
    "Định",
    "Giang",
    "Hiền",
]

HERO_NAMES = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Lý Thường Kiệt",
    "Quang Trung",
    "Lê Quý Đôn",
    "Chu Văn An",
    "Nguyễn Du",
    "Phan Bội Châu",
    "Hai Bà Trưng",
    "Võ Thị Sáu",
    "Nguyễn Huệ",
    "Lê Hồng Phong",
    "Trần Phú",
    "Hùng Vương",
    "Nguyễn Văn Cừ",
    "Phan Chu Trinh",
    "Ngô Quyền",
    "Đinh Tiên Hoàng",
    "Bà Triệu",
    "Nguyễn Thị Minh Khai",
    "Lê Thánh Tông",
    "Trần Quốc Toản",
    "Nguyễn Khuyến",
    "Hoàng Hoa Thám",
    "Tôn Đức Thắng",
    "Lý Tự Trọng",
    "Nguyễn Đình Chiểu",
]

REPORTERS_PREFIX = ["", "", "", "Nhóm phóng viên ", "PV ", "Ghi chép: "]
CREDITS = [
    "Theo TTXVN",
    "Theo Báo Chính phủ",
    "Nguồn: Cổng thông tin điện tử tỉnh",
    "Theo VOV",
    "Theo Cổng Thông tin điện tử Chính phủ",
    "Nguồn: Sở Văn hóa, Thể thao và Du lịch",
]
PHOTO_CAPTIONS = [
    "Ảnh: Quang cảnh buổi làm việc.",
    "Ảnh: Lãnh đạo tỉnh kiểm tra thực địa.",
    "Ảnh minh họa.",
    "Ảnh: Người dân làm thủ tục tại trung tâm phục vụ hành chính công.",
    "Ảnh: Toàn cảnh hội nghị.",
    "Ảnh: Cơ quan chức năng có mặt tại hiện trường.",
]

POSITIONS = [
    "Chủ tịch UBND {level} {province}",
    "Phó Chủ tịch UBND {level} {province}",
    "Bí thư {party} {province}",
    "Giám đốc {agency}",
    "Phó Giám đốc {agency}",
    "Chánh Văn phòng UBND {level} {province}",
    "Trưởng phòng nghiệp vụ {agency}",
]

# Generic sentences usable in any story, by polarity.
GENERIC: dict[str, list[str]] = {
    "neutral": [
        "Cuộc họp có sự tham dự của đại diện các sở, ngành và địa phương liên quan.",
        "Theo kế hoạch, nội dung này sẽ được báo cáo tại kỳ họp HĐND {level} {province} cuối năm.",
        "{agency} được giao chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện.",
        "Các đơn vị được yêu cầu báo cáo kết quả trước ngày {date}.",
        "Thông tin được đăng tải trên cổng thông tin điện tử của {level} {province}.",
        "Đây là một trong {small} nhiệm vụ trọng tâm được xác định cho năm {year}.",
        "Tổ công tác gồm {small} thành viên, do lãnh đạo {agency} làm tổ trưởng.",
        "Trước đó, ngày {date}, {agency} đã có văn bản đề nghị các địa phương rà soát số liệu.",
        "Kế hoạch chia thành {small} giai đoạn, kéo dài đến tháng {month} năm {year}.",
        "Ý kiến của người dân được tiếp nhận qua đường dây nóng và hệ thống phản ánh trực tuyến.",
        "Nội dung chi tiết được gửi tới các xã, phường trên địa bàn để tổ chức thực hiện.",
        "Buổi làm việc diễn ra tại trụ sở {agency} vào sáng {date}.",
        "Lãnh đạo {level} {province} đề nghị các ngành tiếp tục theo dõi, tổng hợp và báo cáo định kỳ.",
        "Dự kiến trong tháng {month}, đoàn kiểm tra liên ngành sẽ làm việc tại {small} địa phương.",
    ],
    "positive": [
        "Kết quả này được đánh giá cao, góp phần nâng cao chất lượng phục vụ người dân.",
        "Nhiều chỉ tiêu đã hoàn thành vượt kế hoạch đề ra từ đầu năm.",
        "Người dân bày tỏ sự hài lòng với cách làm mới, nhanh gọn và minh bạch.",
        "Mô hình này đang được nhân rộng ra {small} xã, phường khác trong {level}.",
        "Nhờ sự vào cuộc quyết liệt của cả hệ thống, công việc đạt hiệu quả rõ rệt.",
        "{agency} được UBND {level} tặng bằng khen vì thành tích xuất sắc.",
    ],
    "negative": [
        "Tuy nhiên, việc triển khai vẫn còn chậm, nhiều hạng mục chưa đạt tiến độ.",
        "Người dân bức xúc vì tình trạng này kéo dài nhiều tháng mà chưa được giải quyết dứt điểm.",
        "Qua kiểm tra, đoàn công tác phát hiện nhiều sai phạm trong quá trình thực hiện.",
        "Một số đơn vị còn né tránh, đùn đẩy trách nhiệm, gây lãng phí nguồn lực.",
        "Hậu quả đã gây thiệt hại đáng kể, ảnh hưởng tới đời sống của hàng trăm hộ dân.",
        "Đoàn kiểm tra yêu cầu làm rõ trách nhiệm của tập thể, cá nhân để xảy ra vi phạm.",
    ],
}

QUOTES: dict[str, list[str]] = {
    "neutral": [
        "Chúng tôi sẽ tiếp tục rà soát, lắng nghe ý kiến của người dân và doanh nghiệp để hoàn thiện phương án",
        "Đơn vị đã lập kế hoạch chi tiết, phân công rõ người, rõ việc, rõ thời hạn hoàn thành",
        "Mọi phản ánh của người dân đều được tiếp nhận và chuyển tới cơ quan có thẩm quyền xem xét",
    ],
    "positive": [
        "Kết quả đạt được là nhờ sự đồng thuận của người dân và sự phối hợp chặt chẽ giữa các ngành",
        "Đây là tín hiệu rất tích cực, tạo động lực để địa phương bứt phá trong thời gian tới",
        "Chúng tôi rất phấn khởi vì công sức bỏ ra đã mang lại hiệu quả thiết thực",
    ],
    "negative": [
        "Những tồn tại, hạn chế này phải được khắc phục ngay, không để kéo dài gây bức xúc",
        "Cá nhân nào vi phạm sẽ bị xử lý nghiêm theo quy định, không có vùng cấm",
        "Tình hình đang rất phức tạp, các lực lượng phải trực ứng phó 24/24 giờ",
    ],
}

QUOTE_VERBS = ["cho biết", "nhấn mạnh", "khẳng định", "chia sẻ", "thông tin", "nói"]

# Per topic: the agencies that usually speak, title and lead templates, body sentences.
TOPICS: dict[str, dict[str, object]] = {
    "education": {
        "agency": ["Sở Giáo dục và Đào tạo", "Phòng Văn hóa - Xã hội"],
        "titles": {
            "positive": [
                "{province}: {pct} học sinh đỗ tốt nghiệp THPT, cao nhất từ trước đến nay",
                "Học sinh {province} giành {small} huy chương tại kỳ thi Olympic quốc tế",
                "{school} khánh thành dãy phòng học mới trị giá {money}",
            ],
            "neutral": [
                "{province} công bố phương án tuyển sinh lớp 10 năm học {year}",
                "Sở Giáo dục và Đào tạo {province} hướng dẫn dạy thêm, học thêm",
                "{province} sắp xếp lại mạng lưới trường học tại {small} xã",
            ],
            "negative": [
                "Phụ huynh {school} phản ánh lạm thu đầu năm học",
                "{province} thiếu {num} giáo viên, nhiều lớp phải ghép",
                "Trường học xuống cấp nghiêm trọng, học sinh {commune} học trong phòng dột nát",
            ],
        },
        "lead": [
            "{date}, Sở Giáo dục và Đào tạo {province} cho biết toàn {level} có {num} học sinh bước vào năm học mới với {num} trường học.",
            "Theo báo cáo của {agency}, năm học {year}, {province} tiếp tục triển khai chương trình giáo dục phổ thông mới ở tất cả các khối lớp.",
        ],
        "sentences": {
            "neutral": [
                "Năm nay, {province} dự kiến tuyển {num} học sinh vào lớp 10 công lập.",
                "Các trường được yêu cầu công khai các khoản thu ngay từ đầu năm học.",
                "Kỳ thi tuyển sinh diễn ra trong {small} ngày, từ {date}.",
                "Ngành giáo dục tiếp tục rà soát, sắp xếp các điểm trường lẻ ở vùng sâu.",
                "Sách giáo khoa lớp {small} được cấp miễn phí cho học sinh thuộc hộ nghèo.",
            ],
            "positive": [
                "Tỷ lệ học sinh đỗ tốt nghiệp đạt {pct}, tăng so với năm trước.",
                "Nhiều trường đạt chuẩn quốc gia, cơ sở vật chất được đầu tư khang trang.",
                "Đội ngũ giáo viên được bồi dưỡng, nâng cao năng lực giảng dạy.",
            ],
            "negative": [
                "Tình trạng thiếu giáo viên tiếng Anh, tin học vẫn chưa được khắc phục.",
                "Nhiều phòng học tạm, xuống cấp, tiềm ẩn nguy cơ mất an toàn.",
                "Phụ huynh phản ánh nhà trường thu nhiều khoản ngoài quy định.",
            ],
        },
    },
    "health": {
        "agency": ["Sở Y tế", "Trung tâm Kiểm soát bệnh tật"],
        "titles": {
            "positive": [
                "{hospital} thực hiện thành công ca ghép thận thứ {small}",
                "{province} hoàn thành tiêm chủng mở rộng đạt {pct}",
                "Bác sĩ {hospital} cứu sống bệnh nhân ngừng tim",
            ],
            "neutral": [
                "{province} triển khai chiến dịch tiêm vắc xin sởi cho trẻ em",
                "Sở Y tế {province} kiểm tra an toàn thực phẩm dịp cao điểm",
                "{hospital} triển khai bệnh án điện tử",
            ],
            "negative": [
                "{num} người ngộ độc thực phẩm sau bữa tiệc tại {commune}",
                "Sốt xuất huyết tăng mạnh ở {province}, đã có ca tử vong",
                "Bệnh viện thiếu thuốc, vật tư y tế, người bệnh phải tự mua",
            ],
        },
        "lead": [
            "Theo {agency} {province}, từ đầu năm đến nay toàn {level} ghi nhận {num} ca mắc sốt xuất huyết.",
            "{date}, {hospital} cho biết đã tiếp nhận và điều trị cho {num} lượt bệnh nhân trong tuần qua.",
        ],
        "sentences": {
            "neutral": [
                "Ngành y tế khuyến cáo người dân chủ động diệt lăng quăng, bọ gậy.",
                "Các trạm y tế xã được bổ sung thuốc và trang thiết bị cơ bản.",
                "Đoàn kiểm tra liên ngành làm việc tại {num} cơ sở kinh doanh thực phẩm.",
                "Bệnh nhân được chuyển lên tuyến trên để tiếp tục theo dõi.",
                "Người có bảo hiểm y tế được thanh toán theo quy định hiện hành.",
            ],
            "positive": [
                "Ca phẫu thuật diễn ra thành công, sức khỏe người bệnh đã ổn định.",
                "Tỷ lệ tiêm chủng đạt cao, dịch bệnh được kiểm soát tốt.",
                "Người bệnh hài lòng với thái độ phục vụ của nhân viên y tế.",
            ],
            "negative": [
                "Số ca mắc tăng gấp đôi so với cùng kỳ năm trước, đã có {small} ca tử vong.",
                "Nhiều bệnh nhân phải nằm ghép, tình trạng quá tải kéo dài.",
                "Cơ sở bị xử phạt vì sử dụng nguyên liệu không rõ nguồn gốc.",
            ],
        },
    },
    "transport": {
        "agency": ["Sở Xây dựng", "Ban Quản lý dự án giao thông"],
        "titles": {
            "positive": [
                "Thông xe {road} sau {small} tháng thi công, vượt tiến độ",
                "{province} khánh thành cầu {place} nối đôi bờ sông",
                "Cao tốc qua {province} về đích sớm, giảm ùn tắc dịp lễ",
            ],
            "neutral": [
                "{province} điều chỉnh tổ chức giao thông trên {road}",
                "Đề xuất đầu tư tuyến {road} mở rộng với vốn {money}",
                "Xe buýt liên tỉnh tăng chuyến phục vụ dịp Tết tại {province}",
            ],
            "negative": [
                "{road} ùn tắc kéo dài, người dân mệt mỏi",
                "Tai nạn liên hoàn trên {road}, {small} người tử vong",
                "Dự án {road} chậm tiến độ {small} năm, đội vốn {money}",
            ],
        },
        "lead": [
            "{date}, {agency} {province} thông tin về tiến độ dự án {road} với tổng mức đầu tư {money}.",
            "Theo ghi nhận, lưu lượng phương tiện trên {road} qua địa bàn {province} tăng cao trong những ngày gần đây.",
        ],
        "sentences": {
            "neutral": [
                "Tuyến đường dài {num} km, thiết kế {small} làn xe.",
                "Lực lượng cảnh sát giao thông được bố trí tại các nút giao trọng điểm.",
                "Nhà thầu huy động {num} công nhân và {small} mũi thi công.",
                "Phương tiện trên {small} tấn bị cấm lưu thông vào giờ cao điểm.",
                "Mặt bằng dự án đã được bàn giao khoảng {pct}.",
            ],
            "positive": [
                "Công trình hoàn thành giúp rút ngắn thời gian di chuyển gần một nửa.",
                "Tình trạng ùn tắc được cải thiện rõ rệt sau khi phân luồng hợp lý.",
                "Người dân phấn khởi khi con đường mới được đưa vào sử dụng.",
            ],
            "negative": [
                "Vụ tai nạn khiến {small} người chết, {small} người bị thương.",
                "Mặt đường hư hỏng, ổ gà xuất hiện dày đặc gây nguy hiểm cho người đi đường.",
                "Dự án bị chậm tiến độ do vướng mắc giải phóng mặt bằng.",
            ],
        },
    },
    "land": {
        "agency": ["Sở Nông nghiệp và Môi trường", "Văn phòng Đăng ký đất đai"],
        "titles": {
            "positive": [
                "{province} cấp {num} giấy chứng nhận quyền sử dụng đất trong quý",
                "Hoàn thành giải phóng mặt bằng dự án {project}, người dân đồng thuận",
                "{province} giải quyết dứt điểm khiếu nại đất đai kéo dài tại {commune}",
            ],
            "neutral": [
                "{province} công bố bảng giá đất mới áp dụng từ năm {year}",
                "Lấy ý kiến người dân về quy hoạch sử dụng đất tại {commune}",
                "{province} rà soát quỹ đất công chưa sử dụng",
            ],
            "negative": [
                "Hàng chục hộ dân {commune} khiếu kiện vì bồi thường đất thấp",
                "Phát hiện phân lô bán nền trái phép trên đất nông nghiệp tại {province}",
                "Dự án {project} bỏ hoang nhiều năm, lãng phí đất đai",
            ],
        },
        "lead": [
            "{date}, {agency} {province} cho biết đang tổ chức lấy ý kiến về điều chỉnh quy hoạch sử dụng đất đến năm {year}.",
            "Theo UBND {commune}, khu đất rộng {num} m2 thuộc dự án {project} đã được thu hồi từ nhiều năm trước.",
        ],
        "sentences": {
            "neutral": [
                "Giá đất tại các tuyến đường trung tâm được điều chỉnh tăng khoảng {pct}.",
                "Dự án có diện tích {num} ha, liên quan đến {num} hộ dân.",
                "Hồ sơ cấp giấy chứng nhận được tiếp nhận tại bộ phận một cửa cấp xã.",
                "Phương án bồi thường, hỗ trợ, tái định cư được niêm yết công khai.",
            ],
            "positive": [
                "Người dân đồng thuận bàn giao mặt bằng sớm cho dự án.",
                "Thời gian cấp giấy chứng nhận được rút ngắn còn {small} ngày.",
                "Các vụ việc tồn đọng đã được giải quyết dứt điểm.",
            ],
            "negative": [
                "Nhiều hộ dân không đồng ý với mức bồi thường, tiếp tục gửi đơn khiếu nại.",
                "Tình trạng lấn chiếm, xây dựng trái phép trên đất công diễn ra phức tạp.",
                "Dự án chậm triển khai gây lãng phí, người dân sống trong cảnh quy hoạch treo.",
            ],
        },
    },
    "environment": {
        "agency": ["Sở Nông nghiệp và Môi trường", "Chi cục Bảo vệ môi trường"],
        "titles": {
            "positive": [
                "{province} đóng cửa bãi rác {place}, người dân hết cảnh ô nhiễm",
                "Trồng mới {num} cây xanh, phủ xanh đồi trọc tại {province}",
                "Nhà máy xử lý nước thải {place} đi vào hoạt động",
            ],
            "neutral": [
                "{province} triển khai phân loại rác thải tại nguồn",
                "Quan trắc chất lượng không khí tại {province} trong tháng {month}",
                "{province} lấy ý kiến về đề án bảo vệ môi trường lưu vực sông",
            ],
            "negative": [
                "Cá chết hàng loạt trên sông {place}, nghi do xả thải",
                "Bãi rác quá tải, người dân {commune} chặn xe phản đối",
                "Doanh nghiệp xả thải chưa qua xử lý ra môi trường bị phạt {money}",
            ],
        },
        "lead": [
            "{date}, {agency} {province} cho biết đã lấy mẫu nước tại {small} điểm trên sông {place} để phân tích.",
            "Mỗi ngày, {province} phát sinh khoảng {num} tấn rác thải sinh hoạt, phần lớn được chôn lấp.",
        ],
        "sentences": {
            "neutral": [
                "Kết quả quan trắc sẽ được công bố trên cổng thông tin của {level}.",
                "Các hộ gia đình được hướng dẫn phân loại rác thành {small} nhóm.",
                "Đoàn kiểm tra lấy mẫu khí thải tại ống khói nhà máy.",
                "Kinh phí thu gom, vận chuyển rác được ngân sách bảo đảm.",
            ],
            "positive": [
                "Chất lượng nước sông đã được cải thiện rõ rệt sau khi nạo vét.",
                "Cảnh quan khu vực trở nên sạch đẹp, thông thoáng.",
                "Tỷ lệ rác thải được xử lý hợp vệ sinh đạt {pct}.",
            ],
            "negative": [
                "Nước sông chuyển màu đen, bốc mùi hôi thối nồng nặc.",
                "Chỉ số bụi mịn vượt ngưỡng cho phép nhiều lần, ảnh hưởng sức khỏe người dân.",
                "Cơ sở tiếp tục xả thải trái phép dù đã bị xử phạt nhiều lần.",
            ],
        },
    },
    "digital_transformation": {
        "agency": ["Sở Khoa học và Công nghệ", "Trung tâm Chuyển đổi số"],
        "titles": {
            "positive": [
                "{province} dẫn đầu cả nước về chỉ số chuyển đổi số",
                "{pct} hồ sơ thủ tục hành chính tại {province} được xử lý trực tuyến",
                "Ứng dụng công dân số {province} đạt {num} lượt tải",
            ],
            "neutral": [
                "{province} triển khai nền tảng dữ liệu dùng chung",
                "Tập huấn kỹ năng số cho cán bộ xã, phường tại {province}",
                "{province} ban hành kế hoạch chuyển đổi số năm {year}",
            ],
            "negative": [
                "Hệ thống dịch vụ công trực tuyến {province} gặp sự cố, người dân chờ đợi",
                "Lừa đảo qua mạng gia tăng, người dân {province} mất {money}",
                "Nhiều phần mềm đầu tư tốn kém nhưng bỏ không, kém hiệu quả",
            ],
        },
        "lead": [
            "{date}, {agency} {province} tổ chức hội nghị đánh giá kết quả chuyển đổi số và triển khai Đề án 06.",
            "Theo {agency}, đến nay {province} đã cung cấp {num} dịch vụ công trực tuyến toàn trình.",
        ],
        "sentences": {
            "neutral": [
                "Nền tảng được kết nối với cơ sở dữ liệu quốc gia về dân cư.",
                "Mỗi xã, phường thành lập một tổ công nghệ số cộng đồng.",
                "Kinh phí triển khai dự kiến khoảng {money}.",
                "Người dân có thể nộp hồ sơ qua Cổng dịch vụ công quốc gia.",
            ],
            "positive": [
                "Thời gian giải quyết hồ sơ giảm mạnh, tiết kiệm chi phí cho người dân.",
                "Việc thanh toán không dùng tiền mặt ngày càng phổ biến và thuận tiện.",
                "Chỉ số chuyển đổi số của {level} tăng {small} bậc so với năm trước.",
            ],
            "negative": [
                "Đường truyền chập chờn, hệ thống thường xuyên bị lỗi.",
                "Nhiều người dân bị kẻ gian giả danh cơ quan chức năng lừa chiếm đoạt tài sản.",
                "Dữ liệu chưa được làm sạch, thông tin sai lệch gây khó khăn cho người dân.",
            ],
        },
    },
    "administrative_reform": {
        "agency": ["Sở Nội vụ", "Trung tâm Phục vụ hành chính công"],
        "titles": {
            "positive": [
                "{province} tăng {small} bậc chỉ số cải cách hành chính",
                "Trung tâm Phục vụ hành chính công {province} nhận bằng khen",
                "Chỉ số hài lòng của người dân tại {province} đạt {pct}",
            ],
            "neutral": [
                "{province} công bố danh mục {num} thủ tục hành chính mới",
                "{province} sắp xếp bộ máy sau hợp nhất, giảm {num} đầu mối",
                "Vận hành chính quyền địa phương hai cấp tại {commune}",
            ],
            "negative": [
                "Hồ sơ trễ hạn tăng, người dân {commune} chờ đợi nhiều ngày",
                "Cán bộ một cửa gây phiền hà, {province} yêu cầu kiểm điểm",
                "Người dân phản ánh thủ tục rườm rà khi làm giấy tờ tại {commune}",
            ],
        },
        "lead": [
            "{date}, UBND {province} tổ chức hội nghị sơ kết công tác cải cách hành chính và vận hành chính quyền địa phương hai cấp.",
            "Theo {agency} {province}, sau sắp xếp, toàn {level} còn {num} xã, phường.",
        ],
        "sentences": {
            "neutral": [
                "Bộ phận một cửa cấp xã tiếp nhận {num} hồ sơ trong tháng.",
                "Các thủ tục được chuẩn hóa, công khai tại trụ sở và trên mạng.",
                "Cán bộ, công chức dôi dư được bố trí theo lộ trình.",
                "Chính quyền cấp xã tiếp nhận thêm {small} nhóm nhiệm vụ từ cấp huyện trước đây.",
            ],
            "positive": [
                "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}.",
                "Người dân không phải đi lại nhiều lần, tiết kiệm thời gian và chi phí.",
                "Bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả hơn.",
            ],
            "negative": [
                "Vẫn còn tình trạng hồ sơ trễ hạn nhưng không có văn bản xin lỗi người dân.",
                "Một số cán bộ còn thiếu kỹ năng, lúng túng khi xử lý công việc mới.",
                "Trụ sở chật chội, thiếu máy móc khiến người dân phải xếp hàng chờ đợi.",
            ],
        },
    },
    "social_security": {
        "agency": ["Sở Nội vụ", "Bảo hiểm xã hội"],
        "titles": {
            "positive": [
                "{province} hoàn thành xóa nhà tạm, nhà dột nát cho {num} hộ",
                "Trao {num} suất quà Tết cho hộ nghèo tại {province}",
                "{province} giảm tỷ lệ hộ nghèo xuống còn {pct}",
            ],
            "neutral": [
                "{province} chi trả trợ cấp xã hội qua tài khoản ngân hàng",
                "Điều chỉnh mức lương hưu, trợ cấp từ tháng {month}",
                "{province} rà soát hộ nghèo, hộ cận nghèo năm {year}",
            ],
            "negative": [
                "Doanh nghiệp nợ bảo hiểm xã hội {money}, người lao động thiệt thòi",
                "Chậm chi trả trợ cấp, người già {commune} mòn mỏi chờ",
                "{num} công nhân mất việc sau khi nhà máy đóng cửa",
            ],
        },
        "lead": [
            "{date}, UBND {province} cho biết đã hỗ trợ {num} hộ gia đình xây mới, sửa chữa nhà ở với tổng kinh phí {money}.",
            "Theo {agency} {province}, toàn {level} hiện có {num} người hưởng trợ cấp xã hội hằng tháng.",
        ],
        "sentences": {
            "neutral": [
                "Mức hỗ trợ là {money} mỗi hộ, từ ngân sách và nguồn xã hội hóa.",
                "Danh sách đối tượng được niêm yết công khai tại nhà văn hóa thôn.",
                "Người lao động có thể tra cứu quá trình đóng bảo hiểm qua ứng dụng.",
                "Việc chi trả được thực hiện trước ngày {date}.",
            ],
            "positive": [
                "Nhiều gia đình xúc động khi được nhận nhà mới trước Tết.",
                "Đời sống người dân từng bước được cải thiện, thu nhập tăng.",
                "Chính sách đến đúng đối tượng, kịp thời và công khai.",
            ],
            "negative": [
                "Người lao động bị nợ lương nhiều tháng, đời sống rất khó khăn.",
                "Việc xét duyệt còn thiếu công khai, có trường hợp không đúng đối tượng.",
                "Nhiều hộ vẫn phải sống trong căn nhà xuống cấp, mưa là dột.",
            ],
        },
    },
    "economy": {
        "agency": ["Sở Tài chính", "Ban Quản lý các khu công nghiệp"],
        "titles": {
            "positive": [
                "{province} thu hút {money} vốn đầu tư, tăng trưởng {pct}",
                "Khởi công nhà máy {company} tổng vốn {money} tại {province}",
                "Xuất khẩu của {province} tăng mạnh, vượt kế hoạch năm",
            ],
            "neutral": [
                "{province} trao quyết định chủ trương đầu tư cho {small} dự án",
                "Hội nghị xúc tiến đầu tư {province} năm {year}",
                "{province} giao chỉ tiêu thu ngân sách {money}",
            ],
            "negative": [
                "Giải ngân vốn đầu tư công tại {province} chậm, mới đạt {pct}",
                "Hàng trăm doanh nghiệp tại {province} giải thể, tạm ngừng hoạt động",
                "Dự án {project} treo nhiều năm, nhà đầu tư bỏ cọc",
            ],
        },
        "lead": [
            "{date}, UBND {province} tổ chức hội nghị gặp mặt doanh nghiệp, trao quyết định chủ trương đầu tư cho các dự án với tổng vốn {money}.",
            "Theo {agency} {province}, tổng sản phẩm trên địa bàn {level} {year} ước tăng {pct} so với năm trước.",
        ],
        "sentences": {
            "neutral": [
                "Dự án có quy mô {num} ha, dự kiến tạo việc làm cho {num} lao động.",
                "Thu ngân sách nhà nước {year} ước đạt {money}.",
                "Nhà đầu tư cam kết hoàn thành thủ tục trong quý {small}.",
                "Vốn đầu tư công được phân bổ cho {num} dự án.",
            ],
            "positive": [
                "Nhiều nhà đầu tư lớn đánh giá cao môi trường đầu tư của địa phương.",
                "Kinh tế tăng trưởng khá, thu ngân sách vượt dự toán.",
                "Doanh nghiệp phấn khởi khi các vướng mắc được tháo gỡ kịp thời.",
            ],
            "negative": [
                "Tỷ lệ giải ngân thấp, nhiều dự án chậm tiến độ kéo dài.",
                "Doanh nghiệp gặp nhiều khó khăn, thiếu đơn hàng, phải cắt giảm lao động.",
                "Nhiều dự án chậm triển khai, gây lãng phí nguồn lực đất đai.",
            ],
        },
    },
    "security_order": {
        "agency": ["Công an tỉnh", "Công an xã"],
        "titles": {
            "positive": [
                "Công an {province} triệt phá đường dây đánh bạc, bắt {small} đối tượng",
                "Giải cứu {small} nạn nhân bị lừa bán sang biên giới",
                "Tai nạn giao thông tại {province} giảm cả ba tiêu chí",
            ],
            "neutral": [
                "Công an {province} ra quân cao điểm trấn áp tội phạm dịp Tết",
                "{province} tổ chức diễn tập phòng cháy chữa cháy tại {place}",
                "Công an xã tiếp nhận hồ sơ cấp căn cước tại {commune}",
            ],
            "negative": [
                "Cháy nhà trong hẻm tại {commune}, {small} người tử vong",
                "Nhóm thanh niên hỗn chiến bằng hung khí trên {road}",
                "Trộm cắp tài sản gia tăng tại {commune}, người dân lo lắng",
            ],
        },
        "lead": [
            "{date}, Công an {province} cho biết đã khởi tố vụ án, bắt tạm giam {small} bị can để điều tra.",
            "Khoảng {small} giờ ngày {date}, tại {commune}, {province} xảy ra vụ việc khiến người dân hoảng sợ.",
        ],
        "sentences": {
            "neutral": [
                "Cơ quan công an đang tiếp tục điều tra, làm rõ vụ việc.",
                "Lực lượng chức năng đã phong tỏa hiện trường, khám nghiệm và lấy lời khai.",
                "Người dân có thông tin liên quan đề nghị báo cho cơ quan công an gần nhất.",
                "Các đối tượng có độ tuổi từ {small} đến {num}.",
            ],
            "positive": [
                "Lực lượng chức năng nhanh chóng bắt giữ các đối tượng, thu hồi tài sản.",
                "Tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
                "Chiến công được khen thưởng đột xuất, người dân cảm ơn lực lượng công an.",
            ],
            "negative": [
                "Vụ việc gây hoang mang, lo lắng trong dư luận.",
                "Ngọn lửa bùng phát dữ dội, thiêu rụi toàn bộ tài sản.",
                "Các đối tượng dùng hung khí tấn công khiến {small} người bị thương nặng.",
            ],
        },
    },
    "culture_tourism": {
        "agency": ["Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Văn hóa"],
        "titles": {
            "positive": [
                "{province} đón {num} lượt khách du lịch dịp lễ, doanh thu tăng {pct}",
                "Lễ hội {place} được công nhận di sản văn hóa phi vật thể quốc gia",
                "Du lịch cộng đồng tại {commune} hút khách quốc tế",
            ],
            "neutral": [
                "{province} tổ chức tuần lễ văn hóa, du lịch năm {year}",
                "Trùng tu di tích đình {place} với kinh phí {money}",
                "{province} xây dựng sản phẩm du lịch đêm",
            ],
            "negative": [
                "Du khách phản ánh bị chặt chém giá dịch vụ tại {place}",
                "Di tích {place} xuống cấp, bị lấn chiếm",
                "Lễ hội {place} chen lấn, mất trật tự",
            ],
        },
        "lead": [
            "{date}, Sở Văn hóa, Thể thao và Du lịch {province} cho biết trong {small} ngày nghỉ lễ, toàn {level} đón khoảng {num} lượt khách.",
            "Tối {date}, tại quảng trường trung tâm {province} diễn ra lễ khai mạc tuần lễ văn hóa, du lịch.",
        ],
        "sentences": {
            "neutral": [
                "Chương trình gồm {small} hoạt động chính, diễn ra trong {small} ngày.",
                "Các điểm di tích mở cửa miễn phí cho du khách.",
                "Công tác bảo đảm an ninh trật tự được tăng cường tại các điểm tham quan.",
                "Ban tổ chức bố trí xe trung chuyển từ bến xe tới khu lễ hội.",
            ],
            "positive": [
                "Nhiều cơ sở lưu trú kín phòng, du khách hài lòng với chất lượng dịch vụ.",
                "Lễ hội diễn ra an toàn, văn minh, để lại ấn tượng đẹp.",
                "Doanh thu từ du lịch tăng mạnh so với cùng kỳ.",
            ],
            "negative": [
                "Tình trạng chèo kéo, ép giá du khách vẫn diễn ra.",
                "Rác thải bừa bãi sau lễ hội gây mất mỹ quan.",
                "Di tích bị xuống cấp nghiêm trọng nhưng chưa được tu bổ.",
            ],
        },
    },
    "agriculture": {
        "agency": ["Sở Nông nghiệp và Môi trường", "Chi cục Trồng trọt và Bảo vệ thực vật"],
        "titles": {
            "positive": [
                "Lúa được mùa, được giá, nông dân {province} phấn khởi",
                "Sầu riêng {province} xuất khẩu chính ngạch thu {money}",
                "{province} có thêm {num} sản phẩm OCOP đạt chuẩn",
            ],
            "neutral": [
                "{province} gieo cấy {num} ha lúa vụ đông xuân",
                "Hướng dẫn nông dân {province} chăm sóc cây trồng mùa khô",
                "{province} cấp mã số vùng trồng cho {small} hợp tác xã",
            ],
            "negative": [
                "Dịch tả lợn châu Phi bùng phát tại {commune}, tiêu hủy {num} con",
                "Giá thanh long lao dốc, nông dân {province} lao đao",
                "Hạn mặn khiến {num} ha lúa tại {province} mất trắng",
            ],
        },
        "lead": [
            "{date}, {agency} {province} cho biết vụ đông xuân năm nay toàn {level} gieo trồng {num} ha.",
            "Những ngày này, nông dân tại {commune}, {province} đang tất bật thu hoạch vụ mùa.",
        ],
        "sentences": {
            "neutral": [
                "Năng suất bình quân ước đạt {small} tấn mỗi ha.",
                "Thương lái thu mua tại ruộng với giá {num} đồng mỗi kg.",
                "Ngành nông nghiệp khuyến cáo nông dân xuống giống đồng loạt, né rầy.",
                "Các hợp tác xã ký hợp đồng bao tiêu sản phẩm với doanh nghiệp.",
            ],
            "positive": [
                "Nông dân lãi cao, nhiều hộ có thu nhập tiền tỷ mỗi năm.",
                "Sản phẩm đạt tiêu chuẩn, mở rộng thị trường xuất khẩu.",
                "Mô hình liên kết giúp bà con yên tâm sản xuất.",
            ],
            "negative": [
                "Dịch bệnh lây lan nhanh, người chăn nuôi thiệt hại nặng.",
                "Giá nông sản giảm sâu, nhiều nông dân thua lỗ.",
                "Thiếu nước tưới, ruộng đồng nứt nẻ, cây trồng chết khô.",
            ],
        },
    },
    "disaster": {
        "agency": ["Ban Chỉ huy phòng thủ dân sự", "Đài Khí tượng thủy văn"],
        "titles": {
            "positive": [
                "{province} di dời an toàn {num} hộ dân trước bão",
                "Khắc phục xong sự cố sạt lở trên {road}, thông tuyến",
                "Hỗ trợ kịp thời người dân vùng lũ {province} ổn định cuộc sống",
            ],
            "neutral": [
                "Dự báo mưa lớn diện rộng tại {province} trong {small} ngày tới",
                "{province} ban hành công điện ứng phó áp thấp nhiệt đới",
                "Cấm biển, yêu cầu tàu thuyền tại {province} vào nơi trú tránh",
            ],
            "negative": [
                "Sạt lở đất vùi lấp nhà dân tại {commune}, {small} người mất tích",
                "Lũ quét tại {province} gây thiệt hại {money}",
                "Mưa lớn gây ngập sâu nhiều tuyến đường tại {province}",
            ],
        },
        "lead": [
            "{date}, Ban Chỉ huy phòng thủ dân sự {province} cho biết mưa lớn kéo dài đã gây ngập lụt tại {small} xã.",
            "Theo Đài Khí tượng thủy văn khu vực, từ đêm {date}, {province} có mưa to đến rất to, lượng mưa phổ biến {num} mm.",
        ],
        "sentences": {
            "neutral": [
                "Các lực lượng được huy động sẵn sàng ứng phó theo phương châm bốn tại chỗ.",
                "Người dân được khuyến cáo không đi qua ngầm tràn, khu vực nước chảy xiết.",
                "Lượng mưa đo được tại trạm {place} là {num} mm.",
                "Các hồ chứa được yêu cầu vận hành đúng quy trình.",
            ],
            "positive": [
                "Nhờ chủ động sơ tán sớm, không có thiệt hại về người.",
                "Lực lượng cứu hộ đã tiếp cận, đưa người dân tới nơi an toàn.",
                "Giao thông cơ bản được khôi phục sau {small} ngày.",
            ],
            "negative": [
                "Nước lũ dâng cao khiến hàng nghìn ngôi nhà bị ngập, nhiều tuyến đường bị chia cắt.",
                "Mưa lũ đã làm {small} người chết, thiệt hại ước tính {money}.",
                "Nhiều điểm sạt lở nghiêm trọng, đe dọa tính mạng người dân.",
            ],
        },
    },
    "anti_corruption": {
        "agency": ["Thanh tra tỉnh", "Ủy ban Kiểm tra Tỉnh ủy"],
        "titles": {
            "positive": [
                "Thu hồi {money} cho ngân sách qua thanh tra tại {province}",
                "{province} xử lý nghiêm cán bộ vi phạm, củng cố niềm tin của nhân dân",
                "Kê khai tài sản, thu nhập tại {province} đạt {pct}, minh bạch",
            ],
            "neutral": [
                "Thanh tra {province} công bố kết luận thanh tra tại {agency}",
                "{province} triển khai kế hoạch phòng, chống tham nhũng năm {year}",
                "Đoàn kiểm tra làm việc với {agency} về quản lý tài chính",
            ],
            "negative": [
                "Khởi tố nguyên giám đốc {agency} {province} vì nhận hối lộ",
                "Sai phạm {money} tại dự án {project}, nhiều cán bộ bị kỷ luật",
                "Cán bộ {commune} bị bắt vì tham ô tiền hỗ trợ người nghèo",
            ],
        },
        "lead": [
            "{date}, Thanh tra {province} công bố kết luận thanh tra việc quản lý, sử dụng ngân sách tại {agency} giai đoạn {year}.",
            "Cơ quan Cảnh sát điều tra Công an {province} đã ra quyết định khởi tố vụ án, khởi tố bị can đối với {small} người.",
        ],
        "sentences": {
            "neutral": [
                "Kết luận thanh tra được gửi tới các cơ quan có liên quan để thực hiện.",
                "Đoàn thanh tra làm việc trong {small} ngày, kiểm tra hồ sơ từ năm {year}.",
                "Các bị can bị điều tra về tội vi phạm quy định về quản lý tài sản nhà nước.",
                "Cơ quan điều tra đang mở rộng vụ án.",
            ],
            "positive": [
                "Toàn bộ số tiền sai phạm đã được thu hồi, nộp ngân sách.",
                "Công tác phòng, chống tham nhũng được triển khai quyết liệt, có hiệu quả.",
                "Việc xử lý nghiêm minh được dư luận đồng tình, đánh giá cao.",
            ],
            "negative": [
                "Các sai phạm gây thất thoát, lãng phí lớn tiền của nhà nước.",
                "Nhiều cán bộ lợi dụng chức vụ, quyền hạn để trục lợi.",
                "Hồ sơ bị làm giả để rút tiền ngân sách trong nhiều năm.",
            ],
        },
    },
}

EVENT_PHRASES = [
    "hội nghị triển khai nhiệm vụ năm {year}",
    "hội nghị sơ kết quý {small}",
    "buổi làm việc với lãnh đạo các sở, ngành",
    "đợt kiểm tra đột xuất",
    "lễ ký kết chương trình phối hợp",
    "phiên họp thường kỳ tháng {month}",
]

HEADLINE_PREFIXES = ["", "", "", "", "Video: ", "Clip: ", "Nóng: ", "Toàn cảnh: "]

# Light synonym edits made by re-publishing sites.
SYNONYMS: list[tuple[str, str]] = [
    ("cho biết", "thông tin"),
    ("cho biết", "cho hay"),
    ("người dân", "bà con"),
    ("khoảng", "gần"),
    ("tổ chức", "tiến hành"),
    ("triển khai", "thực hiện"),
    ("nhiều", "không ít"),
    ("dự kiến", "theo kế hoạch"),
    ("tăng", "tăng lên"),
    ("đã", "vừa"),
    ("các", "những"),
    ("yêu cầu", "đề nghị"),
]

# Composed sentences: subject + verb + action + deadline, and facts with topic nouns. They give
# distinct stories distinct wording, as real reporting does, while sharing template phrases.
SUBJECTS = [
    "{official}",
    "lãnh đạo {agency}",
    "UBND {commune}",
    "đoàn công tác của {level}",
    "Thường trực UBND {level} {province}",
    "đại diện {agency}",
    "chính quyền {commune}",
    "tổ công tác liên ngành",
    "lãnh đạo {level} {province}",
]
DIRECTIVE_VERBS = ["đề nghị", "yêu cầu", "giao", "chỉ đạo", "đề xuất", "kiến nghị", "lưu ý"]
ACTIONS = [
    "rà soát toàn bộ hồ sơ liên quan",
    "báo cáo cụ thể nguyên nhân và giải pháp",
    "công khai kết quả trên cổng thông tin điện tử",
    "tổ chức đối thoại với người dân",
    "bố trí đủ kinh phí {money} để thực hiện",
    "hoàn thiện phương án trình cấp có thẩm quyền",
    "kiểm tra thực tế tại {small} địa điểm",
    "bổ sung nhân lực cho bộ phận tiếp nhận",
    "phối hợp với {agency} xử lý dứt điểm",
    "tuyên truyền để người dân hiểu và đồng thuận",
    "lập danh sách các trường hợp còn vướng mắc",
    "xây dựng lộ trình thực hiện đến năm {year}",
    "tăng cường kiểm tra, giám sát việc thực hiện",
    "tổng hợp ý kiến của {num} hộ dân",
    "sửa đổi quy chế phối hợp giữa các phòng, ban",
    "đánh giá tác động trước khi triển khai",
    "mở rộng thí điểm ra {small} xã, phường",
    "chuẩn bị điều kiện để đưa vào vận hành",
    "làm rõ trách nhiệm của từng đơn vị",
    "cập nhật số liệu vào hệ thống dùng chung",
]
DEADLINES = [
    "trước ngày {date}",
    "trong tháng {month}",
    "ngay trong quý này",
    "",
    "",
    "trước khi kết thúc năm {year}",
    "trong thời gian sớm nhất",
]
FACT_OPENERS = [
    "Tính đến ngày {date}",
    "Từ đầu năm đến nay",
    "Trong tháng {month}",
    "Sau {small} tháng triển khai",
    "Năm {year}",
    "Trong tuần qua",
    "Hiện nay",
]
FACT_VERBS = [
    "đã tiếp nhận",
    "đã hoàn thành",
    "ghi nhận",
    "đã hỗ trợ",
    "đã xử lý",
    "đã kiểm tra",
    "đã giải quyết",
    "đã cấp",
]
TOPIC_NOUNS: dict[str, list[str]] = {
    "education": ["học sinh", "giáo viên", "phòng học", "bộ hồ sơ tuyển sinh", "suất học bổng"],
    "health": ["ca bệnh", "lượt khám", "thẻ bảo hiểm y tế", "mẫu xét nghiệm", "liều vắc xin"],
    "transport": ["km đường", "vụ vi phạm", "phương tiện", "điểm đen giao thông", "m2 mặt bằng"],
    "land": ["giấy chứng nhận", "hồ sơ đất đai", "hộ bị ảnh hưởng", "m2 đất", "đơn khiếu nại"],
    "environment": ["tấn rác thải", "mẫu nước", "cơ sở sản xuất", "cây xanh", "m3 nước thải"],
    "digital_transformation": [
        "hồ sơ trực tuyến",
        "tài khoản định danh",
        "giao dịch điện tử",
        "tổ công nghệ số",
        "bộ dữ liệu",
    ],
    "administrative_reform": [
        "thủ tục hành chính",
        "hồ sơ",
        "lượt người dân",
        "cán bộ",
        "phản ánh, kiến nghị",
    ],
    "social_security": ["hộ nghèo", "suất quà", "người hưởng trợ cấp", "căn nhà", "lao động"],
    "economy": ["dự án", "doanh nghiệp", "tỷ đồng vốn đăng ký", "lao động", "hợp đồng"],
    "security_order": ["vụ việc", "đối tượng", "tin báo tố giác", "lượt tuần tra", "vụ án"],
    "culture_tourism": ["lượt khách", "di tích", "sự kiện", "cơ sở lưu trú", "sản phẩm du lịch"],
    "agriculture": ["ha lúa", "tấn nông sản", "con gia súc", "hợp tác xã", "mã số vùng trồng"],
    "disaster": ["hộ dân", "điểm sạt lở", "ngôi nhà", "ha hoa màu", "tuyến đường"],
    "anti_corruption": ["cuộc thanh tra", "đơn thư", "cán bộ", "tỷ đồng sai phạm", "vụ án"],
}
FACT_TAILS = [
    "",
    "",
    ", tăng {pct} so với cùng kỳ",
    ", đạt {pct} kế hoạch",
    ", giảm so với năm trước",
    " trên địa bàn {level}",
    " tại {small} xã, phường",
]
