"""Pinned external files: where each lives upstream and its sha256.

Generated once from the dataset mirror's MANIFEST.tsv (one row per file: raw-file
URL, sha256, size, licence) and shipped with the package, so that nothing here
depends on the mirror at run time. Every file is pinned to a commit, so its
content, and hence its hash, cannot change upstream.
"""

# (owner, repo, commit, path inside the repo, sha256, size in bytes)
SINGLE_FILES = (
    (
        "epoch-research",
        "analyzing-chinchilla",
        "92258837425e1b5f2851d624287f0120583a3d0e",
        "data/svg_extracted_data.csv",
        "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30",
        23224,
    ),
    (
        "google-research",
        "google-research",
        "9853680c781781bd8d3de20aa61c7373ce059913",
        "revisiting_neural_scaling_laws/data/benchmark.lang.csv",
        "63c346db00a66b692e1ea9a0f71a2f2b267e55f74be5b863a92e199dffbf0983",
        82032,
    ),
    (
        "google-research",
        "google-research",
        "9853680c781781bd8d3de20aa61c7373ce059913",
        "revisiting_neural_scaling_laws/data/benchmark.vision.csv",
        "23b00692d71e58aa5a2a941e831d57688e0977fdcf5f5125ff7b64283b5d9e83",
        993655,
    ),
    (
        "karpathy",
        "char-rnn",
        "6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e",
        "data/tinyshakespeare/input.txt",
        "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
        1115394,
    ),
    (
        "ryoungj",
        "ObsScaling",
        "4d6e1e43fd2635d04654aa77d1df9d5266ea0382",
        "eval_results/base_llm_benchmark_eval.csv",
        "511996815735a4c46251dc585dcc525e370d148201f86561e6f927f9df2d0db8",
        28155,
    ),
    (
        "ryoungj",
        "ObsScaling",
        "4d6e1e43fd2635d04654aa77d1df9d5266ea0382",
        "eval_results/base_llm_emergent_capability_eval.csv",
        "a156beee73c39b7833c3c53535c473939105512d85e90b0143be7325e516ef7c",
        7984,
    ),
    (
        "stanford-cs336",
        "assignment3-scaling",
        "24a558ee8f1078d0d44e0e3b1e8c17697e72a153",
        "data/isoflops_curves.json",
        "da6a464c3f5e5039d3f20e137dfcab3031a3d8e7ef0ac2f376f96e295d4afd27",
        7484,
    ),
)

# The Pythia zero-shot evaluations: 8 model folders x 27 checkpoints. One commit
# and one path pattern cover all of them; the table gives each file's sha256 and size
# keyed by (model folder, file name without .json).
PYTHIA_OWNER, PYTHIA_REPO = "EleutherAI", "pythia"
PYTHIA_COMMIT = "a19eecb807ec2c79a39ebf18108816e6ffffc1d5"
PYTHIA_PATH_PATTERN = "evals/pythia-v1/{folder}/zero-shot/{stem}.json"
PYTHIA_FILES = {
    ("pythia-1.4b", "1.4b_step0"): (
        "36e782f50456a447ce93b506b1f81f54015678749d03a7284910b6c1a5162d83",
        21913,
    ),
    ("pythia-1.4b", "1.4b_step1"): (
        "441053016e21731b11edabee62bd412f058f23d616e0aa3d88dace04d7538667",
        21913,
    ),
    ("pythia-1.4b", "1.4b_step1000"): (
        "f35741816736f5f0e29ccd73aa4aae8652dc7ce18806863aa6f93b455d09597b",
        21998,
    ),
    ("pythia-1.4b", "1.4b_step103000"): (
        "7ced0e17c1a46366e663f34b3ba49f2c18534484ff4fa0d1cfa8b64c97eb9242",
        21966,
    ),
    ("pythia-1.4b", "1.4b_step113000"): (
        "eb4cbcde47ffe8cba51015f29013968bd3f284bed8dee3d98fed6a02bbbeb6ad",
        21913,
    ),
    ("pythia-1.4b", "1.4b_step123000"): (
        "5bc22cf4bbd8436056d1315a754ca544e3464181143278fd6d1263dd67900475",
        22020,
    ),
    ("pythia-1.4b", "1.4b_step128"): (
        "ef802791d2e9150db7cbb5e6b4a6798396bddf6c72adbb5748381e33d5a691eb",
        21938,
    ),
    ("pythia-1.4b", "1.4b_step13000"): (
        "560ae2d7078dde1b82537adea1b1232a764048221f171185dc1dcd74e5939315",
        21972,
    ),
    ("pythia-1.4b", "1.4b_step133000"): (
        "415bbaf6c0c813048524cdd5c6f3b93ad9e53bec8529446fb7ef2afbb6d01049",
        21993,
    ),
    ("pythia-1.4b", "1.4b_step143000"): (
        "454d35a54bc35cffb6617b03e9524042397e25d59e2bb4b6939ec610ed07afc2",
        22003,
    ),
    ("pythia-1.4b", "1.4b_step16"): (
        "8963dfd364d4e4a22a8e308256985f8d7c89ce98d93c7b7c0381dec7fafdfaad",
        21965,
    ),
    ("pythia-1.4b", "1.4b_step2"): (
        "5e6fa644441e6ff2e9fedd451f0455cb88c748ae846d5b32a7a5f7c3b924c869",
        21935,
    ),
    ("pythia-1.4b", "1.4b_step23000"): (
        "0383b4f087e47ec1c28f504e6be238c680b04fd50a76c24fd311d73c2021ebcb",
        21965,
    ),
    ("pythia-1.4b", "1.4b_step256"): (
        "1a2118ed2aadd709495a8880e7afdf4c8559f83eecc58676e01e349fc3ff6b32",
        21947,
    ),
    ("pythia-1.4b", "1.4b_step3000"): (
        "7a4a396d3d16b33c568f97fff49f077de4ffbadcc33d1a149000ddb363df4e33",
        21979,
    ),
    ("pythia-1.4b", "1.4b_step32"): (
        "4dc7cd19292cafc1bb3e0b40ea66c4e76f53503bff8d019f1d4c98aae90f1f0d",
        21991,
    ),
    ("pythia-1.4b", "1.4b_step33000"): (
        "b2c703c067622aaab6548782ac0c4800dea39a52bd06c5cb318b18fd78cdf850",
        22006,
    ),
    ("pythia-1.4b", "1.4b_step4"): (
        "6c781d50c2a64b3bb7acc985bff0ea45834adb98e21d448bb136f93fec5028e3",
        21942,
    ),
    ("pythia-1.4b", "1.4b_step43000"): (
        "110e2c51112a55b8420ee4e7a292b4d6331d542783f3fa7f8100658b27864bc5",
        21993,
    ),
    ("pythia-1.4b", "1.4b_step512"): (
        "62c6e81af4f727b8efc436f359306f9466a1104b30371a0667f232c9c17daa3d",
        21943,
    ),
    ("pythia-1.4b", "1.4b_step53000"): (
        "3f38755c3430e448d6948c40bd924fa0488e7a8cbd458953b97c24236e97d836",
        22007,
    ),
    ("pythia-1.4b", "1.4b_step63000"): (
        "2143a264fce2a1cc53f48a0de51dc093a528bee26001d31eadc7caec354a9f15",
        21969,
    ),
    ("pythia-1.4b", "1.4b_step64"): (
        "b3dd7e064acaf480a68104eea555f391482bd4f277a90eb1943262a7da6eaafe",
        21975,
    ),
    ("pythia-1.4b", "1.4b_step73000"): (
        "80e26c1adf391eb1f50d4ca82d0f23647fd3245788037fcfe72d8624a430add4",
        21983,
    ),
    ("pythia-1.4b", "1.4b_step8"): (
        "b0a168d35ca55eea85edf254db51db63e2f841c2f0b58cd574ef50b3d08dba7c",
        21884,
    ),
    ("pythia-1.4b", "1.4b_step83000"): (
        "0ae4e400bb9d3c5d1bd4c21c9010fdf51aa03b22deab3761f90d3f8286cc1885",
        21963,
    ),
    ("pythia-1.4b", "1.4b_step93000"): (
        "2bad9afc7853f3c86ae27c2467a2ec2760a90765f073ae7b6ede98c722324d04",
        21976,
    ),
    ("pythia-12b", "12b_step0"): (
        "bffe7d28d8a1ccef92ed70ee1cb99b941e7bfd18d7854d780ed1b35d5b0dfbe5",
        21917,
    ),
    ("pythia-12b", "12b_step1"): (
        "f386203bb0da4eb11dfd5286c987d2cd017c600023c81a74cb1b2e335b649d17",
        21917,
    ),
    ("pythia-12b", "12b_step1000"): (
        "6fb82c71d77a5c76f6f91dc12980582c0fd3486587294d43fe450092545b36c6",
        21968,
    ),
    ("pythia-12b", "12b_step103000"): (
        "0016467294e19c1cd91f8ae1e8ed9d0b9e7c5f81bab6d4ed0f9edf55edb9528d",
        21996,
    ),
    ("pythia-12b", "12b_step113000"): (
        "e957013b730e08fcbb0b2479a90feda6bb52eff1a39ab61ce7494e27cfc707d9",
        21973,
    ),
    ("pythia-12b", "12b_step123000"): (
        "be595b54110a463f8ab076d647515be2e223c1b0d31711cb943b4db7ffe0cc71",
        21985,
    ),
    ("pythia-12b", "12b_step128"): (
        "3daebbc01f523c2d38d6616cb71ce6e3402e02c6a19e6a1d9f420ded54fcc555",
        21945,
    ),
    ("pythia-12b", "12b_step13000"): (
        "1b622c1997897082191d3d3b798a8a934094179f256293980a6e8550ecaa17ce",
        21978,
    ),
    ("pythia-12b", "12b_step133000"): (
        "7579d6501501a8b705eb5aaf8c8d6a61406edd3fc16cc4669617b7b9dd407871",
        22020,
    ),
    ("pythia-12b", "12b_step143000"): (
        "ea269108cdfad6c17b55373d3ea02d832011294587b42060369fc574374b0164",
        22015,
    ),
    ("pythia-12b", "12b_step16"): (
        "fc54a852891c2b515e5c08e37eb4a198f4cd3265e724a3fa23f4668184c9df73",
        21934,
    ),
    ("pythia-12b", "12b_step2"): (
        "72b87dbfd39cf1a29ae0e4a9127aeef768cb307b9df98f1f0ae616d11401c86f",
        21940,
    ),
    ("pythia-12b", "12b_step23000"): (
        "1014228545b55f2749f2469b113dda4c1e9983bafe1aaa3fbcebf10d9b3307df",
        21967,
    ),
    ("pythia-12b", "12b_step256"): (
        "59e53e0dc76e00aebce6c022b1b6a88b887d4ed608bbc65a40419b1c45082b59",
        21936,
    ),
    ("pythia-12b", "12b_step3000"): (
        "84fc8de4a8c1d10af3eedd4ac322f8930efa5b919088480b105aff38b76f3782",
        21972,
    ),
    ("pythia-12b", "12b_step32"): (
        "380f39bace9903ab6d1fd8303b65ffb9841dc3b3ff824ddfa47f96c94d8920da",
        21965,
    ),
    ("pythia-12b", "12b_step33000"): (
        "bc089ae438ecafd6b98cf776fe8ca702b4393452f73f08e73c0bfb888cc881af",
        21921,
    ),
    ("pythia-12b", "12b_step4"): (
        "145383458ead67f59bc597fac69d4a3cad54f934ac3358745a40ac7b049c71a1",
        21964,
    ),
    ("pythia-12b", "12b_step43000"): (
        "24a7591c9d155ff73b0c36684432d854bbc90e9851e41e5cd2be2794b4b8e2ae",
        21958,
    ),
    ("pythia-12b", "12b_step512"): (
        "9d64e80e072e14b2f68c63986dc03c0391d391b0af567b235a91602354b64481",
        21967,
    ),
    ("pythia-12b", "12b_step53000"): (
        "a9ab375a97393be0104a6f8387e74659dd1827e72e6ab5b1b319be1f5e7b704d",
        21958,
    ),
    ("pythia-12b", "12b_step63000"): (
        "fb63e345acb73432b0c204e44346e9f94a5cf475fbf39c2985b64c0003657ac7",
        21941,
    ),
    ("pythia-12b", "12b_step64"): (
        "e8bb75e78e6c6b18b56e5bb48280f21874f97fdf37c25f2ab628fca667eb80b8",
        21945,
    ),
    ("pythia-12b", "12b_step73000"): (
        "987963bbf92f7687aa6ad8697bd7da5862d4c91c4a73bc4be79d4cf2be2c8b32",
        22024,
    ),
    ("pythia-12b", "12b_step8"): (
        "fd2a0641556deb5450c0b909b023d0cbdb1eeec4ed1df2d096318f60b64c62bd",
        21969,
    ),
    ("pythia-12b", "12b_step83000"): (
        "f87f4b09d49b597ecdf48ba37f6b3ba1052f0426550f6eb62b5dc7eb7ff28690",
        21908,
    ),
    ("pythia-12b", "12b_step93000"): (
        "232aa39701603a35da17dfefd0d2df7fd726bf811b99d2e6729b5e7ba9acd394",
        21941,
    ),
    ("pythia-160m", "160m_step0"): (
        "7401fe2742fe64566d09b55edca315f030e4e106740fb957711e03f8d00c05b9",
        21999,
    ),
    ("pythia-160m", "160m_step1"): (
        "d47c64080e58b955917edaac4b11b9b6849bb957c7a63aa1baec859aa4f24494",
        21999,
    ),
    ("pythia-160m", "160m_step1000"): (
        "7df1c4922635430aaedf6b36e590169010c6c8e3ad46e9ce4c38e869f49a0b66",
        22000,
    ),
    ("pythia-160m", "160m_step103000"): (
        "0812928dbc763cb80176d9a9876da8bce8a10b1742ae59d2919a3f192e5ea458",
        22023,
    ),
    ("pythia-160m", "160m_step113000"): (
        "23d5dfe470e806845c8e3cbe20746e00464975c9a7ab172a7a27530745b4f3b7",
        22010,
    ),
    ("pythia-160m", "160m_step123000"): (
        "f71d37e459e22a62d393f4b5b0204cc6c8e5b9430b2e58b800ed63e37bdac146",
        21975,
    ),
    ("pythia-160m", "160m_step128"): (
        "9a2b5c72615504dade037988e50b3674e2b850ae17ea0d71f333bb46152f3183",
        21949,
    ),
    ("pythia-160m", "160m_step13000"): (
        "bba72f5d10d44c3da04163058b514859002f291d35d90e91c482c83274cbf5d9",
        21990,
    ),
    ("pythia-160m", "160m_step133000"): (
        "9fde9746c88e09652875b4a6c64467bdde2ebbe245f717b7b56d9983d3ea11a2",
        21991,
    ),
    ("pythia-160m", "160m_step143000"): (
        "47d6986215acd4ab22ab5a82e75d49645bfbb757efc76b0d0f305d62a1362a60",
        21993,
    ),
    ("pythia-160m", "160m_step16"): (
        "b37967179cc8c2fbfbf17d8d8502c36bec8c4aef60ebdff8339c7f0893a073f1",
        21969,
    ),
    ("pythia-160m", "160m_step2"): (
        "1e2a16af9b037640e528a2ffd443a8e2a647a721e938226726c38a16a5caf49c",
        22006,
    ),
    ("pythia-160m", "160m_step23000"): (
        "940ca1033d2d54a0d8f995e0a415e752c6d5bd9721cde10dd85e3f8e03a111a4",
        21982,
    ),
    ("pythia-160m", "160m_step256"): (
        "f3e460a6c7c26f0b017ba2825a14d511e797d1893b30e380df0b2f43172b85e9",
        21951,
    ),
    ("pythia-160m", "160m_step3000"): (
        "a793f236264e61a1a3dec14a3691384153ad328c2c62f180301e0874d8ba81c4",
        21968,
    ),
    ("pythia-160m", "160m_step32"): (
        "d687f61316c0e131c313afbcc31d3551cf9882b49b694ac6d7ffc378c682b86a",
        21930,
    ),
    ("pythia-160m", "160m_step33000"): (
        "aa0586bb1d69f572fd6424bcd3cec6e590b51f5405e7634208d7d4fdd2af6cff",
        21952,
    ),
    ("pythia-160m", "160m_step4"): (
        "2462298a80c520275152877706f964450bf3a8a3fafe78b1355479ee1e38a2cd",
        21919,
    ),
    ("pythia-160m", "160m_step43000"): (
        "b20447dd75f77d02d372b612c87188ef8159ad421520f8d22d2d8fca2d582873",
        21976,
    ),
    ("pythia-160m", "160m_step512"): (
        "2057a1e995532d8424590f32aba819d2271a8375e86bb54f72607386fc67a466",
        21989,
    ),
    ("pythia-160m", "160m_step53000"): (
        "8b7763cbc3d05720cff8a62b9e98e96db4030414555dd2bad308036b2f1ff01f",
        21966,
    ),
    ("pythia-160m", "160m_step63000"): (
        "f39c3d0b2ea2268b207c1a0a2d4ff831566d43dd70c34d1c88611b89ba2af49c",
        21969,
    ),
    ("pythia-160m", "160m_step64"): (
        "af2385bf261b31330e315d53c143b4eeb075a04f0a11efdbff2062da2baadcc1",
        21935,
    ),
    ("pythia-160m", "160m_step73000"): (
        "b63a62d2d0f7b5f5125ea8ee24fddfcd2c8285d37c9b1bffd3999146576af124",
        21965,
    ),
    ("pythia-160m", "160m_step8"): (
        "79b0922b1be130ee3626431b432fde40bd8289675b58da6852314592f38027db",
        21972,
    ),
    ("pythia-160m", "160m_step83000"): (
        "c732175a1ae3038eca3aeaee2f596285a38cb4ea55f4a1eb7be4fed5b7e801aa",
        21989,
    ),
    ("pythia-160m", "160m_step93000"): (
        "4e44f60339fff2724f057ed364f0b8f3b73a1f5e0d09e1f99e95e9213f628376",
        21938,
    ),
    ("pythia-1b-bf16", "1b-bf16-5shot_step1000"): (
        "1b5d29660469b9ddc34c66c9e6f4194437337bd7fa3480fe529124ca4f1be7de",
        21954,
    ),
    ("pythia-1b-bf16", "1b-bf16-5shot_step128"): (
        "f5b3a6c153b144c5a6c337ccbd8208e02944dbb1bf4d6841d84d5b2ec9c445db",
        21890,
    ),
    ("pythia-1b-bf16", "1b-bf16-5shot_step256"): (
        "8469d7af85071c12090aea3ff6b25285f272865aa0938a44eb9642ef307ac98c",
        21995,
    ),
    ("pythia-1b-bf16", "1b-bf16-5shot_step512"): (
        "52af1c154b2c06dc089e5ae5b279dd431cc694fba4e19c17c839a827b327dee9",
        21878,
    ),
    ("pythia-1b-bf16", "1b-bf16_step0"): (
        "19c670c9dcb66f685808cfbec9b92fb5741135ddde327701f8b3153cf3e8190a",
        21968,
    ),
    ("pythia-1b-bf16", "1b-bf16_step1"): (
        "fd46fae6ebe53a6023d2e1d3d5e8597d8e45f30a6c5310d489392487931e4246",
        21968,
    ),
    ("pythia-1b-bf16", "1b-bf16_step103000"): (
        "b1768dd5d5d292b18a856165a64622ac9bf56d51f41897b4fa64a0701a24bae2",
        22018,
    ),
    ("pythia-1b-bf16", "1b-bf16_step113000"): (
        "b0d4fad77e624bb054347fc5e23671af5e9fb35fb47859c389cef31fa8095df7",
        22026,
    ),
    ("pythia-1b-bf16", "1b-bf16_step123000"): (
        "c3654514432378099ca15b5b76937fef4cc2faf017757a4eb927bfff896ae29e",
        22048,
    ),
    ("pythia-1b-bf16", "1b-bf16_step13000"): (
        "1878f55aef84d126f3255f4e61ff65b4497fefaf7a03b198d7411417a31a2f9e",
        22026,
    ),
    ("pythia-1b-bf16", "1b-bf16_step133000"): (
        "a1b0baef37c46ea1b11f3891089f66ff68bfa115ce4fba96c762786a350f922c",
        21977,
    ),
    ("pythia-1b-bf16", "1b-bf16_step143000"): (
        "cc5b66fb541a4540afe736144817108150c93b3179088ebbdea31444721a99c4",
        22001,
    ),
    ("pythia-1b-bf16", "1b-bf16_step16"): (
        "a88c7ac9e29706a1b50e7a5cd3a776f74df10c44115c88cded6d605d5153fc52",
        21984,
    ),
    ("pythia-1b-bf16", "1b-bf16_step2"): (
        "213f0ba8c0af9c37d7e6e2cf4157ed8855ad0ff527d8349f031ec915d0fbd086",
        21959,
    ),
    ("pythia-1b-bf16", "1b-bf16_step23000"): (
        "d83b2b36ec050137907894e85d621ddeb9e3dd485cc616dd83cd30d916260221",
        21969,
    ),
    ("pythia-1b-bf16", "1b-bf16_step3000"): (
        "2344b605ce2ca36f56b37f76932c59796a7cb34509f52af9149f29fcfa9583b6",
        22012,
    ),
    ("pythia-1b-bf16", "1b-bf16_step32"): (
        "b609194e9b580ac21c92e2b48b2ab30a8e24ecbb1c7e4b6d50a64f89550350f1",
        21922,
    ),
    ("pythia-1b-bf16", "1b-bf16_step33000"): (
        "81c382a9e127580a39a0781cab364f1d185203631046506a4a25ec7af6db0381",
        21972,
    ),
    ("pythia-1b-bf16", "1b-bf16_step4"): (
        "9a3407ec2c7c426fad0bae79e68d6b2235697f68371521261683c31e664a8e2c",
        21918,
    ),
    ("pythia-1b-bf16", "1b-bf16_step43000"): (
        "9b87351a1ba8711cf473e09ac902d69639db3c8e9f87861645e26551c6e1c94c",
        21996,
    ),
    ("pythia-1b-bf16", "1b-bf16_step53000"): (
        "516cf772ca27851f9e36630c083cb9ad8d4522b1a0c37048f11e538cda7755f0",
        21955,
    ),
    ("pythia-1b-bf16", "1b-bf16_step63000"): (
        "57138e24149b86feef84fb51648a142e91643cad057476a778f3a93b080250ae",
        21978,
    ),
    ("pythia-1b-bf16", "1b-bf16_step64"): (
        "db322d714bb12ca07d2e80de61d2545fcf4d3b2b9e9538d512e19024409078e5",
        21966,
    ),
    ("pythia-1b-bf16", "1b-bf16_step73000"): (
        "838cb36629ad91878077952ca29a2f91cba386a1dab65c33ef8b13aef17939cc",
        21994,
    ),
    ("pythia-1b-bf16", "1b-bf16_step8"): (
        "4d27a2be83b2a0ac372f3df02017fff0ece4d20bb3dedf52e0d4cc09bddd7fcb",
        21920,
    ),
    ("pythia-1b-bf16", "1b-bf16_step83000"): (
        "2ae183ee702ef70461c505a1778fb9e3278e63f28baf0a1711530ff71b61cb9e",
        21940,
    ),
    ("pythia-1b-bf16", "1b-bf16_step93000"): (
        "971b0a734c4db2760ccbbeedf8c8862cb1e4aa765ebbd34b2049fb24c3ea5b71",
        22036,
    ),
    ("pythia-2.8b", "2.8b_step0"): (
        "e829364e58c0b35318bbf51de16016fad34f128fd48adeea0746034d7923ee67",
        21948,
    ),
    ("pythia-2.8b", "2.8b_step1"): (
        "fa2596f3dabe6627cbf2c955d43f355da80537e9bd1bd3d245ba8f31a62fd748",
        21948,
    ),
    ("pythia-2.8b", "2.8b_step1000"): (
        "e41268d8218f519883eadc127d972b3e8aee5ae54702294404f5b5ce54f03ec4",
        22005,
    ),
    ("pythia-2.8b", "2.8b_step103000"): (
        "7065cfb2466a20e9ac05b65a8f2fbeb891b5c6526f61b32d5270374a1046592d",
        21996,
    ),
    ("pythia-2.8b", "2.8b_step113000"): (
        "182f064e3885280626cbf456491350e17c325d164fe0a9ca23597d70f52b3f25",
        22028,
    ),
    ("pythia-2.8b", "2.8b_step123000"): (
        "0b2e5fdaa9c8201aa19f04b8bc00de5fcb4faa51c0bb8051df3e9e3a92bd040b",
        21988,
    ),
    ("pythia-2.8b", "2.8b_step128"): (
        "b3df4068d185e4b8a8a3ed9a88cd587cd9f371a468109f1d1f0442a6416c5862",
        21975,
    ),
    ("pythia-2.8b", "2.8b_step13000"): (
        "c5445f5e1c3118ead3091f329a18465fe88e24f7c416fa5df0b9e92fa21caea8",
        21953,
    ),
    ("pythia-2.8b", "2.8b_step133000"): (
        "f10bd13d68b7798bc77ba2273fb21affa31797b1c936aebe2cf6e9a0cd325dda",
        21973,
    ),
    ("pythia-2.8b", "2.8b_step143000"): (
        "8c7f54862dab8e377eff06935c5c4cf76f68f7c71fb67c3d5137f52b4b2eab99",
        21998,
    ),
    ("pythia-2.8b", "2.8b_step16"): (
        "6510cf4d2624151138eab90aafeb3890f68222933d48d68f9f46e7731b9bc81c",
        21941,
    ),
    ("pythia-2.8b", "2.8b_step2"): (
        "4c873e2a23f83743756f95879b2a977e80aa058a1de766515056ab0b46676fc7",
        21972,
    ),
    ("pythia-2.8b", "2.8b_step23000"): (
        "6e66dc6d6e8ab97b04a6fc17d901a23b2dc967f61d244a251cc6ed6d116b0f3a",
        21978,
    ),
    ("pythia-2.8b", "2.8b_step256"): (
        "d7a59e869987b63a60fad4afc34b49faabf473db03b665529588520085d40495",
        21956,
    ),
    ("pythia-2.8b", "2.8b_step3000"): (
        "716aa8e35aeb0799ed89a5c2d6eaab8a0085600197423b64ee44851672d572f3",
        22009,
    ),
    ("pythia-2.8b", "2.8b_step32"): (
        "690e7cc564f7aa6f83125a73d82a78cb6c8b5c6771ed73b952b37e8c2bfb8ceb",
        21909,
    ),
    ("pythia-2.8b", "2.8b_step33000"): (
        "18430c22e22abfbd3190452dcdab25a14a2c300a2ead1e4260b6922f0c176acd",
        22004,
    ),
    ("pythia-2.8b", "2.8b_step4"): (
        "eb3f1756b0f0747885b886d18a4c725b579500c708cbdff519061a7799de20fa",
        21959,
    ),
    ("pythia-2.8b", "2.8b_step43000"): (
        "94e53d4dd3b410e260afd29b9762d0bea03927c77f30eac96be36d9ef4ceb066",
        21967,
    ),
    ("pythia-2.8b", "2.8b_step512"): (
        "469585a9a381ab3aef1fb85373f32fbbb62a75fc97f921273db2837181691563",
        21989,
    ),
    ("pythia-2.8b", "2.8b_step53000"): (
        "90f881ef1a3b825d43f078fe49bca13d6649f5dda47866ed224e27c2001c555d",
        21999,
    ),
    ("pythia-2.8b", "2.8b_step63000"): (
        "ba66aba03c4bd52eb8e5e6bab8bab799664b546436879af6f450757c2661aacd",
        21998,
    ),
    ("pythia-2.8b", "2.8b_step64"): (
        "1507886ce8839db4eb031729c2cf49d4ec50d421f5741e7ae0d4ea51862a3e62",
        21972,
    ),
    ("pythia-2.8b", "2.8b_step73000"): (
        "9e6b9acdb686eeb86b1ada456179d1e549d5aec0737dea74b99f11dd425bd0a5",
        21979,
    ),
    ("pythia-2.8b", "2.8b_step8"): (
        "2addf8048c5f3abd578863c90097a3e73dba897417c82872896af91fde804a56",
        21926,
    ),
    ("pythia-2.8b", "2.8b_step83000"): (
        "1a0bf8afd638772aacb9ce897595fa3f2375bcaed00ffe210b0bef1fde5182a6",
        22001,
    ),
    ("pythia-2.8b", "2.8b_step93000"): (
        "1b4eacf10a42653815b2c6418e5aae8efdd3e206db06f938bd3d2ea777e14d59",
        21928,
    ),
    ("pythia-410m", "410m_step0"): (
        "0e759920c6c5e5ab3dea71405ddbaaf07aec86868f906ed829654932c0da5692",
        21953,
    ),
    ("pythia-410m", "410m_step1"): (
        "2853689065c37da26407a1a59eb6e107325ad82dfeac2b2c78008b5927553fa2",
        21953,
    ),
    ("pythia-410m", "410m_step1000"): (
        "8e6d08cdfb23d04604032db7654faac5029866ebe2ed73693124f5afe5ada21f",
        21978,
    ),
    ("pythia-410m", "410m_step103000"): (
        "03efe1a6ece7c4cb94847e2bd3574a8d586fb65f110d91321445c14e35d72161",
        21947,
    ),
    ("pythia-410m", "410m_step113000"): (
        "cac191bfe787e1d68b4c8a96f9842252da9f8eec1d3591c9c019c7fdd4a4bb4f",
        21929,
    ),
    ("pythia-410m", "410m_step123000"): (
        "52b7a91b8e4f5f2ec8ddbb7f8826f5dd15fb7ae2fe991c6363c35c62470b21d7",
        22001,
    ),
    ("pythia-410m", "410m_step128"): (
        "37c77dc1d778e02c934395864d47bfb6e4bd0f859c89c0f37f3c31df93caf4dc",
        21935,
    ),
    ("pythia-410m", "410m_step13000"): (
        "59cbb26b326dd0dc7099f6ab39cba9b9c62c719e6d3bb6f1b26d3b9b35963336",
        21955,
    ),
    ("pythia-410m", "410m_step133000"): (
        "9d4e38ab61d5be1ab0c4df72ce439f8861a990c05dc43f7f74acb7fc8abebca3",
        21984,
    ),
    ("pythia-410m", "410m_step143000"): (
        "8c8ec312e6fdd6b70817b4fd917489879a53604949fdd5b68f6e030a78630f0c",
        21958,
    ),
    ("pythia-410m", "410m_step16"): (
        "c446a1cf39637e162018be4f4d9226d74c696e6755467f28497594d6e8966f2a",
        21965,
    ),
    ("pythia-410m", "410m_step2"): (
        "dac145ad3bfc27020e02d2cff4ce7e8a14891cb9664629e02bf33ae258f29dd9",
        21955,
    ),
    ("pythia-410m", "410m_step23000"): (
        "ea1c53fedf968db990f8394ae4da51a17039fb3197813dd26e27ca5aa407be02",
        21971,
    ),
    ("pythia-410m", "410m_step256"): (
        "240c5cf8837157e8c5a127f72e969984bd58e0f1257256f98b4cdd95b9920b22",
        21968,
    ),
    ("pythia-410m", "410m_step3000"): (
        "211b425e2ffc15265b144366f86ff4b23464bd473944fcc68c7f1182a85ab701",
        21953,
    ),
    ("pythia-410m", "410m_step32"): (
        "4cfe37036bb572482ecc80d71a72b85c2a23bf99a82ff23a7f3872f519a7928b",
        21946,
    ),
    ("pythia-410m", "410m_step33000"): (
        "78002c007750a8b3ee526285feee0806259548df69b4f689a692cc1bbe8d460d",
        21958,
    ),
    ("pythia-410m", "410m_step4"): (
        "fc338985914b6abc431395d9877a1062bc190efd10586914053b2a80943475b7",
        21944,
    ),
    ("pythia-410m", "410m_step43000"): (
        "f6358e1d72ee733d11619f75ba2eae402568c2682c1686cdff8d4acdf79a4439",
        22023,
    ),
    ("pythia-410m", "410m_step512"): (
        "018c786e7335af8c8b416fbb908c5d56bbe75dc2d58cab161fce97b4f28e6b5e",
        21956,
    ),
    ("pythia-410m", "410m_step53000"): (
        "0752166b0aeb39596d1f2be6a315ead886ec081be5d05fc3718bc0789847ede0",
        21991,
    ),
    ("pythia-410m", "410m_step63000"): (
        "73f68aad4e7783224dfc288573510643bdfac21db1403955d30a1c09f2fc5927",
        21996,
    ),
    ("pythia-410m", "410m_step64"): (
        "00086373b335512177dbca53a9714bf8bfed3cb91aae991e74918975a8412bf1",
        21937,
    ),
    ("pythia-410m", "410m_step73000"): (
        "72dbb76a6e066261e750f91b7b686ed70e3dd4e48cd4024fc4fcb2f42a6f40d9",
        21951,
    ),
    ("pythia-410m", "410m_step8"): (
        "1554f41a89b9308e874e10f138c6864879664848367bb8048e4c484ba44d229a",
        21883,
    ),
    ("pythia-410m", "410m_step83000"): (
        "d8a36bb04c0dfa32df5f1e0045ecd992dee0a1a3343fa2705238194b6a104a99",
        21982,
    ),
    ("pythia-410m", "410m_step93000"): (
        "e76c13c6bd49331bb0455b3d40d17f8d7177cdd522c68e8f08da4e31c0c798ee",
        21958,
    ),
    ("pythia-6.9b", "6.9b_step0"): (
        "83366c37b65582dec102e136e927d3f8c46c0a88da654703baf61957020c04d3",
        21923,
    ),
    ("pythia-6.9b", "6.9b_step1"): (
        "f992cfe6f6129a7ab5338ef201a1edf34bba26496a4a3ead0c34a6c4dc897921",
        21923,
    ),
    ("pythia-6.9b", "6.9b_step1000"): (
        "c33db23d4a363343236ccb600ffb415cc61bf3bb6c213828c99d72cfac669e08",
        22011,
    ),
    ("pythia-6.9b", "6.9b_step103000"): (
        "3bd0450e5c38d74ac2412694717c711cd3de20402ec8fe35938253525f2d0349",
        21958,
    ),
    ("pythia-6.9b", "6.9b_step113000"): (
        "35af01bf3443a12152932da15380f15fdb7a7884efc91f6cf1d55170bb2061a4",
        21963,
    ),
    ("pythia-6.9b", "6.9b_step123000"): (
        "55831cac9978508289b24b241f69e17f469679c220b180d6a27336ad0e9dd5f8",
        21987,
    ),
    ("pythia-6.9b", "6.9b_step128"): (
        "a9abb5df355f0063d7a91a1dc93455f02545b08e7860901c1c1629c8899d251d",
        21972,
    ),
    ("pythia-6.9b", "6.9b_step13000"): (
        "bc51a71fa9815a25dd7fc23464bb358d08659446bbcb0001ffb1afb86bbbcf73",
        22002,
    ),
    ("pythia-6.9b", "6.9b_step133000"): (
        "ca69989e3a0e4346a535a48a7e295d3bfd4799caba38561287990f5b4fa062a9",
        21974,
    ),
    ("pythia-6.9b", "6.9b_step143000"): (
        "2ee095586f554332db65e5cf09b0c2b2afc31cf621eb93322416852ee469608c",
        21957,
    ),
    ("pythia-6.9b", "6.9b_step16"): (
        "dfca7165983fd53a108709e30fdca620699e2a4517c750391799cc3275a84e78",
        21928,
    ),
    ("pythia-6.9b", "6.9b_step2"): (
        "eb4a883e17b975f815485c3473c21fe8b82aacffd2e5cc386d6f8f49d6132a1b",
        21934,
    ),
    ("pythia-6.9b", "6.9b_step23000"): (
        "a159c18a0a796a1a96d91154594bcc94abfe33a615d4ef3cbca429b348fb6d02",
        22032,
    ),
    ("pythia-6.9b", "6.9b_step256"): (
        "bd79835e7a224700ebbe1ea1e0f83cfbbdea13af7fea31e4260f1b237e44a8f9",
        21915,
    ),
    ("pythia-6.9b", "6.9b_step3000"): (
        "7298e6a80d97a0fe1a2cccd6a4a7c01ce11ff432f3647307752ddd03c9a23ca3",
        21948,
    ),
    ("pythia-6.9b", "6.9b_step32"): (
        "1623692ff84a3dd3dfbea14fb8f73e6a5247463da5028125848594d6f1795e12",
        21952,
    ),
    ("pythia-6.9b", "6.9b_step33000"): (
        "0f8b185fb4d5cc045c061e7dd138e76350bc59a0ee4c9bfa36b7a8d1cc7d5c91",
        21975,
    ),
    ("pythia-6.9b", "6.9b_step4"): (
        "ffec3e8bfbc1e4c3f3a3727b6f32e023d1c2d3ac6af6088050c79adb3ce14cc3",
        21942,
    ),
    ("pythia-6.9b", "6.9b_step43000"): (
        "37f00d7326c06a63ac79ae6e7cb66517060d16f6401ff632012a8d5072725edd",
        21938,
    ),
    ("pythia-6.9b", "6.9b_step512"): (
        "e1a5348ff57f0e46f4553f8aad0f629791e04010986374e864a4092e2248ee83",
        21994,
    ),
    ("pythia-6.9b", "6.9b_step53000"): (
        "d35f59ac458bc6fecba71d3b6d6af16e3071de646ab56302a65b5439d3f6799f",
        21933,
    ),
    ("pythia-6.9b", "6.9b_step63000"): (
        "b66bee917f1891b955269406b6b246cd9428cc76e0493f410dbed1d3751bdad9",
        21934,
    ),
    ("pythia-6.9b", "6.9b_step64"): (
        "b33f4c0b9427ae9fde32ee7a1b098629608da1fdb82c11af252348c2e5f46693",
        21978,
    ),
    ("pythia-6.9b", "6.9b_step73000"): (
        "1177e2823632b530d6f4873add6183002f298ea2eb126e4d0cb980a046e73903",
        21950,
    ),
    ("pythia-6.9b", "6.9b_step8"): (
        "281177c0673577319b4427a51fe91f609d3ddc17510677ad8c1eefb4e3cbd7d2",
        21955,
    ),
    ("pythia-6.9b", "6.9b_step83000"): (
        "4aaebdf177461b7d3b07c40eb59aab9d46784cfcfb9090a18aed0a087e6a86a9",
        21997,
    ),
    ("pythia-6.9b", "6.9b_step93000"): (
        "353bc1d214d751a3abe96d6ebe3b171343c9b24a4047181e4522bdc60617e5db",
        21986,
    ),
    ("pythia-70m", "70m_step0"): (
        "43f908aefd0863cb0ae381b213de05c7552fbeb9be03ac75f6c00fb0892ffa00",
        21991,
    ),
    ("pythia-70m", "70m_step1"): (
        "3b1bf7c3dce02ce0ed6b8d93bdb882d8d50c10008169f126354d83df631c0d83",
        21991,
    ),
    ("pythia-70m", "70m_step1000"): (
        "80067740d19610dbbfe6ba64bdc6d5be0daf25656223c17b58b17538edc8bd1e",
        22014,
    ),
    ("pythia-70m", "70m_step103000"): (
        "ff6ce6b4a51e4e581512248765c8ce1d51c480646d80e4b12838fd73f6f7c325",
        21954,
    ),
    ("pythia-70m", "70m_step113000"): (
        "e8d7810bf88366e3bf3e9514e5ed1ab42724752031e0ad2b91e609a575bcbe65",
        21999,
    ),
    ("pythia-70m", "70m_step123000"): (
        "84d94e365b0ff978505e41e0c6b80f8430eaf27716c4051f2f82f393fa1dfd43",
        21954,
    ),
    ("pythia-70m", "70m_step128"): (
        "8d6f8064bffc7f1bd4825d0c750c334cf8937cf61f094b4f0781f29254919555",
        21972,
    ),
    ("pythia-70m", "70m_step13000"): (
        "e0afa5300f95901e55e05799e130dc95401e9dfbc08dc42ecc61c6f9d8226794",
        22005,
    ),
    ("pythia-70m", "70m_step133000"): (
        "7f1478b292b26891eae3aa7aa42c272d3e2fa537eef00427434b48b3ad2c2910",
        21993,
    ),
    ("pythia-70m", "70m_step143000"): (
        "2338c75e1345f53da34143298c1d6c23393f24e8d765ac3e86599e956c6a5e4f",
        21930,
    ),
    ("pythia-70m", "70m_step16"): (
        "8f1a91acb63da477b5b2435425bfcd1dad93d521cad01e74dec7966941b0e917",
        21895,
    ),
    ("pythia-70m", "70m_step2"): (
        "171b12f4d423b05ea78143f587992d69c98f5ea198c8b7a5dea0adc0998b33c2",
        21977,
    ),
    ("pythia-70m", "70m_step23000"): (
        "f6051435b1ea1815df5ae5f06aa08a73c7d992850530c928d85812c09c3efda8",
        21966,
    ),
    ("pythia-70m", "70m_step256"): (
        "cc790677da91fba75d2e3b6dac079fd31451905be8baa49722ce4a8d83e1798e",
        21920,
    ),
    ("pythia-70m", "70m_step3000"): (
        "c4f675067ae6f4fa1a66ad291d01643cfbb39594a05abfe242d14369c20faa30",
        22008,
    ),
    ("pythia-70m", "70m_step32"): (
        "9969f8c8db28af4c8360485c48f1c3211e75409697e66ab7ee43b4cc56cbca09",
        21945,
    ),
    ("pythia-70m", "70m_step33000"): (
        "0e13d9926168ebf399a6feee48ee45f5c53a47d18071e6162581854f160f0dd9",
        21947,
    ),
    ("pythia-70m", "70m_step4"): (
        "5e02937b2a859aa4fe75c517ca784124b7612685fc28fce1d166c15c8ce2fe93",
        21948,
    ),
    ("pythia-70m", "70m_step43000"): (
        "47aa86336b8be540645ce22a740ba5eb59d2d12cf96651df7e6799e7d8f8f0b2",
        21981,
    ),
    ("pythia-70m", "70m_step512"): (
        "e24e5102e949d773d6f5c50afdf077b7837c814b1354e7492a070535f650b20f",
        21950,
    ),
    ("pythia-70m", "70m_step53000"): (
        "07eb9f7928ad525a7ad98e1e3fe8d0afe0987ec1fe6635520de21db7d3c8a8f4",
        21938,
    ),
    ("pythia-70m", "70m_step63000"): (
        "e49443beeb943b203453c8fb7153610f9b055f56dda44a7e8b1722e2c01a7b6e",
        21961,
    ),
    ("pythia-70m", "70m_step64"): (
        "662e4178db9355e06dec8db8d3fc8fdfaba16fac01bad6c8bdc741fa23933683",
        21977,
    ),
    ("pythia-70m", "70m_step73000"): (
        "e3108797bdc4b8f72b65a70a738088710258aa5fcd42e49c0ded6f13af30b1e6",
        21930,
    ),
    ("pythia-70m", "70m_step8"): (
        "08eaf096a731f98479930eaf6bfc4ecc95d138c99d8e145f378c8750386c919a",
        21950,
    ),
    ("pythia-70m", "70m_step83000"): (
        "0b33826f5062ea76b0c941af9400ed372b14b14c8accb2297c7d93d8eaf3952f",
        21937,
    ),
    ("pythia-70m", "70m_step93000"): (
        "2dea238c12340566bd4163e03ac46834a2806fc1f5ca1fd0388bcce7863423df",
        21976,
    ),
}
